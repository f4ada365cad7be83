package dev.mcpulse.bench.cost;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output of the cost run's child, where the functions write their JSON log lines and EMF metric lines as on
 * Lambda (whose runtime sends each line to CloudWatch Logs): every whole line is counted into the current
 * {@link Meter} phase, then kept in a file for a look afterwards.
 */
final class LogCapture extends OutputStream {

    private final OutputStream file;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LogCapture(OutputStream file) {
        this.file = file;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            endLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    private void endLine() throws IOException {
        byte[] bytes = line.toByteArray();
        line.reset();
        Meter.current().logLine(new String(bytes, StandardCharsets.UTF_8).strip(), bytes.length);
        file.write(bytes);
    }

    @Override
    public synchronized void flush() throws IOException {
        file.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
