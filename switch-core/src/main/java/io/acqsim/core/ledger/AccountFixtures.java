package io.acqsim.core.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the accounts fixtures file: {@code accounts: [{pan, balance, currency}]}. */
public final class AccountFixtures {
    private AccountFixtures() {
    }

    record File(List<Entry> accounts) {
    }

    record Entry(String pan, Long balance, String currency) {
    }

    public static List<AccountFixture> load(AcqsimConfig config) {
        String name = config.accounts().fixtures();
        if (name == null) {
            return List.of();
        }
        Path path = config.resolve(name);
        File file;
        try {
            file = ConfigLoader.yamlMapper().readValue(Files.readString(path), File.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(path + ": " + ConfigLoader.describe(e));
        } catch (IOException e) {
            throw new ConfigException(path + " (accounts.fixtures): cannot read: " + e);
        }
        List<AccountFixture> out = new ArrayList<>();
        List<Entry> entries = file == null || file.accounts() == null ? List.of() : file.accounts();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String key = path + ": accounts[" + i + "]";
            if (e.pan() == null || !e.pan().matches("\\d{12,19}")) {
                throw new ConfigException(key + ".pan: '" + e.pan() + "' is not 12 to 19 digits");
            }
            if (e.balance() == null) {
                throw new ConfigException(key + ".balance: missing");
            }
            if (!Money.isBalance(e.balance())) {
                throw new ConfigException(key + ".balance: " + e.balance() + " is outside ±" + Money.MAX_BALANCE
                        + " (minor units)");
            }
            out.add(new AccountFixture(e.pan(), e.balance(),
                    e.currency() == null ? config.accounts().currency() : e.currency()));
        }
        return out;
    }

}
