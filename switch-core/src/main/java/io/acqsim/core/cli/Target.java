package io.acqsim.core.cli;

import picocli.CommandLine;

/** {@code --target host:port}, read by picocli. */
record Target(String host, int port) {
    static final class Converter implements CommandLine.ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not host:port, e.g. 127.0.0.1:8585");
            }
            int port;
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "': port is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new CommandLine.TypeConversionException("'" + value + "': port must be 1 to 65535");
            }
            return new Target(value.substring(0, colon), port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
