package org.folio.contacttracing.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand, for requests a client library refuses to send: malformed percent-encoding,
 * oversized request lines and headers, raw bytes in header values.
 */
public final class RawHttp {
  private RawHttp() {
  }

  /** What came back: the status and the whole raw answer. */
  public record Answer(int status, String text) {
    public String body() {
      int blank = text.indexOf("\r\n\r\n");
      return blank < 0 ? "" : text.substring(blank + 4);
    }

    public String header(String name) {
      for (String line : text.split("\r\n")) {
        if (line.isEmpty()) {
          break;
        }
        if (line.toLowerCase().startsWith(name.toLowerCase() + ":")) {
          return line.substring(name.length() + 1).trim();
        }
      }
      return null;
    }
  }

  /** Sends {@code requestLine} (e.g. {@code GET /x HTTP/1.1}) with the given header lines and reads the answer. */
  public static Answer send(int port, String requestLine, String... headers) {
    return sendJson(port, requestLine, null, headers);
  }

  /** The same with a JSON body. */
  public static Answer sendJson(int port, String requestLine, String jsonBody, String... headers) {
    StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close");
    for (String header : headers) {
      head.append("\r\n").append(header);
    }
    byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
    if (jsonBody != null) {
      head.append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length);
    }
    return exchange(port, head.toString(), body);
  }

  /**
   * Writes {@code head} (request line and headers, without the blank line ending them) and then {@code body} as it
   * is, and reads the whole answer. A write the server cut short by answering first (a body it refused) is not an
   * error: the answer is what counts.
   */
  public static Answer exchange(int port, String head, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write((head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
      } catch (java.net.SocketException e) {
        // answered and closed before the whole body was sent
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        socket.getInputStream().transferTo(answer);
      } catch (java.net.SocketException e) {
        // the server may reset the connection after answering a request it refused
      }
      String text = answer.toString(StandardCharsets.UTF_8);
      if (!text.startsWith("HTTP/1.1 ") && !text.startsWith("HTTP/1.0 ")) {
        throw new IllegalStateException("no HTTP answer: " + text);
      }
      return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
