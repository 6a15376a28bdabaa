package io.acqsim.testkit.replay;

import fr.bmartel.pcapdecoder.PcapDecoder;
import fr.bmartel.pcapdecoder.constant.LinkLayerConstants;
import fr.bmartel.pcapdecoder.structure.types.IPcapngType;
import fr.bmartel.pcapdecoder.structure.types.inter.IDescriptionBlock;
import fr.bmartel.pcapdecoder.structure.types.inter.IEnhancedPacketBLock;
import fr.bmartel.pcapdecoder.structure.types.inter.ISectionHeaderBlock;
import fr.bmartel.pcapdecoder.utils.DecoderStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The link-layer frames of a pcapng file, read with pcapngdecoder (fr.bmartel:pcapngdecoder), handed
 * to pkts as classic pcap images (one per link type: a pcap has one link type per file) so that
 * pkts' Ethernet/IP/TCP parsing and {@link PcapFrames}' reassembly apply to both formats alike.
 * Enhanced Packet Blocks are read, each with the link type of its interface (Interface Description
 * Block of the same section); their timestamps are taken as microseconds (the pcapng default, used
 * only to order frames). Simple Packet Blocks are not decoded by the library and are skipped.
 */
final class PcapngFrames {
    private static final int SNAPLEN = 262_144;

    private PcapngFrames() {
    }

    static List<byte[]> asPcaps(Path file, byte[] content) throws IOException {
        List<IPcapngType> blocks;
        try {
            PcapDecoder decoder = new PcapDecoder(content);
            if (decoder.decode() != DecoderStatus.SUCCESS_STATUS) {
                throw new IOException(file + ": not a pcapng file pcapngdecoder can read");
            }
            blocks = decoder.getSectionList();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a pcapng file pcapngdecoder can read: " + e, e);
        }
        Map<Integer, ByteArrayOutputStream> byLinkType = new LinkedHashMap<>();
        List<Integer> interfaces = new ArrayList<>();
        for (IPcapngType block : blocks) {
            if (block instanceof ISectionHeaderBlock) {
                interfaces.clear(); // interface ids count from 0 in each section
            } else if (block instanceof IDescriptionBlock idb) {
                interfaces.add(linkType(file, idb.getLinkType()));
            } else if (block instanceof IEnhancedPacketBLock epb) {
                int id = epb.getInterfaceId();
                if (id < 0 || id >= interfaces.size()) {
                    throw new IOException(file + ": packet block names interface " + id + " but the section describes "
                            + interfaces.size());
                }
                byte[] data = epb.getPacketData();
                int length = Math.min(data.length, Math.max(0, epb.getCapturedLength()));
                ByteArrayOutputStream pcap = byLinkType.computeIfAbsent(interfaces.get(id), PcapngFrames::header);
                long micros = epb.getTimeStamp() == null ? 0 : epb.getTimeStamp();
                ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(length)
                        .putInt(Math.max(length, epb.getPacketLength()));
                pcap.writeBytes(rec.array());
                pcap.write(data, 0, length);
            }
        }
        return byLinkType.values().stream().map(ByteArrayOutputStream::toByteArray).toList();
    }

    /** pcapngdecoder gives the link type by its LINKTYPE_ name; pcap needs the number back. */
    private static int linkType(Path file, String name) throws IOException {
        for (Map.Entry<Integer, String> e : LinkLayerConstants.LINK_LAYER_LIST.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        throw new IOException(file + ": an interface has a link type pcapngdecoder does not know");
    }

    private static ByteArrayOutputStream header(int linkType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer gh = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        gh.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
                .putInt(linkType);
        out.writeBytes(gh.array());
        return out;
    }
}
