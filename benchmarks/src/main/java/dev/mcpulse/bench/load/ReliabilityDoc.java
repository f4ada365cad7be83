package dev.mcpulse.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/reliability.md's load section: the load run owns only the text between {@code <!-- load:begin -->} and
 * {@code <!-- load:end -->}; everything else in the document is left as it is. A missing document is created with
 * a title and the two markers.
 */
final class ReliabilityDoc {

    static final String BEGIN = "<!-- load:begin -->";
    static final String END = "<!-- load:end -->";
    static final String NEW_DOCUMENT = "# mcpulse reliability\n\n" + BEGIN + "\n" + END + "\n";

    private ReliabilityDoc() {
    }

    /** Writes {@code section} between the markers of {@code file}, creating the file if it does not exist. */
    static void write(Path file, String section) throws IOException {
        String document = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : NEW_DOCUMENT;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, replaceSection(document, section), StandardCharsets.UTF_8);
    }

    /**
     * The document with the text between its markers replaced by {@code section}. Fails, changing nothing, when the
     * markers are missing, repeated or out of order: the document's other text is not ours to guess about.
     */
    static String replaceSection(String document, String section) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < 0 || end < begin || document.indexOf(BEGIN, begin + 1) >= 0
                || document.indexOf(END, end + 1) >= 0) {
            throw new IllegalArgumentException("the document needs exactly one " + BEGIN + " followed by one " + END);
        }
        String body = section.endsWith("\n") ? section : section + "\n";
        return document.substring(0, begin + BEGIN.length()) + "\n" + body + document.substring(end);
    }
}
