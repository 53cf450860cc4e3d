package org.chorus.payments.guidance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays an {@link AdviserLetter} out on A4 pages with Apache PDFBox: a title, then paragraphs
 * wrapped to the page, large enough to read easily.
 *
 * <p>Limit: it uses the standard Helvetica font, which has no glyphs outside Western European
 * text (WinAnsi). A character it cannot draw, say in a name written in another script, is shown as
 * "?"; the text version of the letter keeps it. Embedding a Unicode font would lift this.
 */
final class AdviserLetterPdf {

    private static final float MARGIN = 64;
    private static final float TITLE_SIZE = 18;
    private static final float BODY_SIZE = 13;
    private static final float LEADING = 1.45f;

    private AdviserLetterPdf() {
    }

    static byte[] render(AdviserLetter letter) {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(drawable(regular, letter.title()));
            info.setCreator("Chorus");
            Writer w = new Writer(doc);
            w.paragraph(bold, TITLE_SIZE, letter.title());
            for (String paragraph : letter.paragraphs()) {
                w.paragraph(regular, BODY_SIZE, paragraph);
            }
            w.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make the letter as a PDF", e);
        }
    }

    /** Writes lines down the page, starting a new page when one is full. */
    private static final class Writer {
        private final PDDocument doc;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        void paragraph(PDType1Font font, float size, String text) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            for (String line : wrap(font, size, drawable(font, text), width)) {
                if (y - size * LEADING < MARGIN) {
                    stream.close();
                    newPage();
                }
                y -= size * LEADING;
                stream.beginText();
                stream.setFont(font, size);
                stream.newLineAtOffset(MARGIN, y);
                stream.showText(line);
                stream.endText();
            }
            y -= size * 0.6f;
        }

        void close() throws IOException {
            stream.close();
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }
    }

    private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (line.isEmpty() || font.getStringWidth(candidate) / 1000 * size <= width) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text with every character the font cannot draw replaced by "?". */
    private static String drawable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            out.append(canDraw(font, ch) ? ch : "?");
        });
        return out.toString();
    }

    private static boolean canDraw(PDType1Font font, String ch) {
        try {
            font.encode(ch);
            return true;
        } catch (IllegalArgumentException | IOException notInFont) {
            return false;
        }
    }
}
