-- The shared ledger (ledger.store: postgresql, PROTOCOL.md §11). Every node of one bank writes
-- here; per-key serialization across nodes comes from row locks on the rows below (see README,
-- "Several nodes"). Amounts are minor units; times are epoch milliseconds of the node's clock.

-- Card accounts. available = balance - holds. pin_verification and pin_tries are for PINs on
-- accounts (PROTOCOL.md §8): a verification value, never the PIN, and the wrong-PIN count.
CREATE TABLE accounts (
    pan              varchar(19) PRIMARY KEY,
    balance          bigint      NOT NULL,
    holds            bigint      NOT NULL DEFAULT 0,
    currency         char(3)     NOT NULL,
    pin_verification varchar(64),
    pin_tries        smallint    NOT NULL DEFAULT 0,
    CHECK (holds >= 0)
);

-- Ids, RRNs and approval codes. Nodes take ids in blocks (INCREMENT BY 64) so that a group
-- commit needs no round trip for them; RRNs carry the node number in front (first two digits).
CREATE SEQUENCE transaction_ids INCREMENT BY 64 START WITH 1;
CREATE SEQUENCE rrn_numbers     INCREMENT BY 64 START WITH 1;
CREATE SEQUENCE auth_codes      INCREMENT BY 64 START WITH 1;

-- The journal: every message the bank answered (or deliberately did not).
CREATE TABLE transactions (
    id            bigint      PRIMARY KEY,
    node          smallint    NOT NULL,              -- the node that posted it
    type          varchar(16) NOT NULL,              -- TxType
    mti           varchar(4)  NOT NULL,
    dialect       varchar(32) NOT NULL,
    terminal      varchar(16),
    merchant      varchar(15),
    stan          varchar(12),
    batch         varchar(12),
    pan           varchar(19),                       -- the account, when there is one
    amount        bigint      NOT NULL,
    effective     bigint      NOT NULL DEFAULT 0,    -- what is still in effect (DE95 reduces it)
    refunded      bigint      NOT NULL DEFAULT 0,    -- approved refunds against it
    repeats       integer     NOT NULL DEFAULT 0,    -- replayed repeats of a reversal
    rrn           varchar(12),
    auth_code     integer,                           -- six digits on the wire
    response_code varchar(3),
    state         varchar(20) NOT NULL,              -- TxState
    trace_key     text,                              -- the key its terminal names it by
    discriminator varchar(10),                       -- DE7: tells a duplicate from a STAN reuse
    original_id   bigint      REFERENCES transactions (id),
    time          bigint      NOT NULL
);
-- RRN and approval-code look-ups (voids, completions, refunds naming an original by DE37 / DE38).
CREATE INDEX transactions_rrn ON transactions (rrn) WHERE rrn IS NOT NULL;
CREATE INDEX transactions_auth ON transactions (pan, auth_code) WHERE auth_code IS NOT NULL AND type = 'AUTH';
CREATE INDEX transactions_original ON transactions (original_id) WHERE original_id IS NOT NULL;
CREATE INDEX transactions_time ON transactions (time DESC, id DESC);
CREATE INDEX transactions_batch ON transactions (dialect, terminal, batch) WHERE batch IS NOT NULL;

-- Trace keys: one row per key a terminal names an original by. The row is also the key's lock:
-- every unit of work that reads or writes a key takes this row FOR UPDATE (inserting it first
-- when new, so two nodes racing on a new key meet on the unique index). tx_id is the latest
-- original or tombstone under the key; reversal_id the first approved reversal of that original
-- (what every repeat is answered with).
CREATE TABLE trace_keys (
    key         text   PRIMARY KEY,
    tx_id       bigint,                              -- transactions (id); no foreign key: it would cost
    reversal_id bigint                               -- a look-up and a lock per message
);

-- Batches: the host's implicit batch number per ISO terminal, and the batches settled (0500).
CREATE TABLE terminal_batches (
    dialect  varchar(32) NOT NULL,
    terminal varchar(16) NOT NULL,
    merchant varchar(15) NOT NULL,                   -- '' when the terminal sends none
    number   integer     NOT NULL,
    PRIMARY KEY (dialect, terminal, merchant)
);
CREATE TABLE settled_batches (
    dialect    varchar(32) NOT NULL,
    terminal   varchar(16) NOT NULL,
    merchant   varchar(15) NOT NULL,                 -- '' when the terminal sends none
    batch      varchar(12) NOT NULL,
    settled_at bigint      NOT NULL,
    node       smallint    NOT NULL,
    PRIMARY KEY (dialect, terminal, merchant, batch)
);

-- Count and amount of transactions by type and current state, as /metrics shows them, kept as
-- transactions change. Each node adds its own changes to its own rows (so that nodes never wait
-- on each other here); the ledger's totals are the sums over the nodes.
CREATE TABLE ledger_totals (
    node   smallint    NOT NULL,
    type   varchar(16) NOT NULL,
    state  varchar(20) NOT NULL,
    count  bigint      NOT NULL,
    amount bigint      NOT NULL,
    PRIMARY KEY (node, type, state)
);

-- The nodes that have started against this ledger, and when last.
CREATE TABLE nodes (
    node       smallint PRIMARY KEY,
    started_at bigint   NOT NULL,
    version    text
);
