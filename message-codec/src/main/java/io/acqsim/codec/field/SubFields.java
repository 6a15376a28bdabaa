package io.acqsim.codec.field;

/** Shared checks for the sub-field views: every failure names the sub-field and shows the value. */
final class SubFields {
    private SubFields() {
    }

    static String require(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    /** {@code value} must be exactly {@code length} decimal digits. */
    static String digits(String value, int length, String subField) {
        require(value, subField);
        if (value.length() != length || !isDigits(value)) {
            throw new IllegalArgumentException(subField + " must be " + length + " digits, got '" + value + "'");
        }
        return value;
    }

    /** {@code value} must be decimal digits, any number of them (possibly none). */
    static String optionalDigits(String value, String subField) {
        require(value, subField);
        if (!isDigits(value)) {
            throw new IllegalArgumentException(subField + " must be digits, got '" + value + "'");
        }
        return value;
    }

    /** The {@code length} characters at {@code from}, or an exception naming the sub-field if the value ends first. */
    static String slice(String whole, int from, int length, String subField, String field) {
        if (whole.length() < from + length) {
            throw new IllegalArgumentException(subField + " is missing: " + field + " '" + whole + "' has "
                    + whole.length() + " characters, needs at least " + (from + length));
        }
        return whole.substring(from, from + length);
    }

    static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
