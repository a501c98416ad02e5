package io.writebackbatch.onprem;

import java.util.List;

/** RFC 4180 CSV: CRLF records, fields quoted when they hold a comma, quote, CR, LF or edge whitespace. */
final class Csv {

    private Csv() {
    }

    static String field(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0 || (!value.isEmpty()
                        && (Character.isWhitespace(value.charAt(0))
                                || Character.isWhitespace(value.charAt(value.length() - 1))));
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    static String record(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String disabledGroups(List<DisabledGroup> groups) {
        StringBuilder out = new StringBuilder(record(List.of("id", "displayName", "previousOnPremisesGroupType")));
        for (DisabledGroup group : groups) {
            out.append(record(List.of(group.id(), group.displayName(), group.previousOnPremisesGroupType())));
        }
        return out.toString();
    }
}
