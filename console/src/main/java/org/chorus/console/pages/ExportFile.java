package org.chorus.console.pages;

import java.time.Instant;
import org.chorus.membership.v1.MemberDataExport;

/**
 * The file a person downloads with everything Chorus holds about them: one JSON object with each service's
 * own JSON document inside it as it was given (the platform writes those), and the plain-English document.
 */
final class ExportFile {

    private ExportFile() {
    }

    static String json(MemberDataExport export) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"member\": ").append(string(export.getName())).append(",\n");
        json.append("  \"exportTime\": ").append(string(Instant.ofEpochSecond(export.getExportTime().getSeconds(),
                export.getExportTime().getNanos()).toString())).append(",\n");
        json.append("  \"held\": {");
        for (int i = 0; i < export.getHeldCount(); i++) {
            MemberDataExport.Held held = export.getHeld(i);
            json.append(i == 0 ? "\n" : ",\n").append("    ").append(string(held.getService())).append(": ")
                    .append(held.getJson().isBlank() ? "{}" : held.getJson().strip());
        }
        json.append(export.getHeldCount() == 0 ? "},\n" : "\n  },\n");
        json.append("  \"document\": ").append(string(export.getDocument())).append("\n}\n");
        return json.toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String string(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
