package io.clusterfactory.cfctl.core.hydrate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The regular files of a chart's {@code .tgz}, read and written again canonically: the same files
 * give the same bytes (no time stamps, owners or modes of the machine that packaged it), so the
 * digest of a chart cfctl packages (from a Git folder) depends on its content only.
 */
final class CanonicalArchive {
  private static final int BLOCK = 512;

  private CanonicalArchive() {}

  /** Regular files by path, in archive order (PAX and GNU long names followed). */
  static LinkedHashMap<String, byte[]> read(InputStream gzipped) throws IOException {
    LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(gzipped)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      while (in.readNBytes(header, 0, BLOCK) == BLOCK) {
        if (header[0] == 0) {
          break;
        }
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        String size = field(header, 124, 12).trim();
        long length = size.isEmpty() ? 0 : Long.parseLong(size, 8);
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
          throw new IOException("truncated chart archive");
        }
        in.readNBytes((int) ((BLOCK - length % BLOCK) % BLOCK));
        byte type = header[156];
        if (type == 'x') {
          longName = paxPath(body, longName);
        } else if (type == 'L') {
          longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
        } else {
          if (type == '0' || type == 0) {
            files.put(longName != null ? longName : name, body);
          }
          longName = null;
        }
      }
    }
    return files;
  }

  /** A gzipped ustar archive of {@code files}, in the given order, every header the same. */
  static byte[] write(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        out.write(header(f.getKey(), f.getValue().length));
        out.write(f.getValue());
        out.write(new byte[(BLOCK - f.getValue().length % BLOCK) % BLOCK]);
      }
      out.write(new byte[2 * BLOCK]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] header(String path, long size) {
    byte[] h = new byte[BLOCK];
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    if (name.length <= 100) {
      System.arraycopy(name, 0, h, 0, name.length);
    } else {
      int cut = path.lastIndexOf('/', 155);
      byte[] prefix = cut < 0 ? name : path.substring(0, cut).getBytes(StandardCharsets.UTF_8);
      byte[] rest = cut < 0 ? name : path.substring(cut + 1).getBytes(StandardCharsets.UTF_8);
      if (cut < 0 || prefix.length > 155 || rest.length > 100) {
        throw new HelmHydrator.HydrationException("chart file name too long to archive: " + path);
      }
      System.arraycopy(rest, 0, h, 0, rest.length);
      System.arraycopy(prefix, 0, h, 345, prefix.length);
    }
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = '0';
    byte[] magic = "ustar\00000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, h, 257, magic.length);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    return h;
  }

  /** {@code value} as zero-padded octal digits, then a NUL, in {@code len} bytes. */
  private static void octal(byte[] h, int off, int len, long value) {
    String digits = String.format("%0" + (len - 1) + "o", value);
    byte[] b = digits.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, len - 1);
    h[off + len - 1] = 0;
  }

  private static String paxPath(byte[] body, String current) {
    String records = new String(body, StandardCharsets.UTF_8);
    for (String line : records.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0 && line.startsWith("path=", space + 1)) {
        return line.substring(space + 1 + "path=".length());
      }
    }
    return current;
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }
}
