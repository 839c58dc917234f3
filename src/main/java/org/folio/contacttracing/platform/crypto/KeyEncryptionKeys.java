package org.folio.contacttracing.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The key-encryption keys (KEK) that wrap the data keys. They never enter the database: only their
 * fingerprint is stored next to a wrapped key, so the module knows which KEK unwraps it.
 *
 * <p>The current KEK wraps every new data key; a previous KEK, while configured, still unwraps old ones until
 * the hourly purge has re-wrapped them with the current KEK.
 */
public final class KeyEncryptionKeys {
  private static final Logger log = LogManager.getLogger(KeyEncryptionKeys.class);
  public static final String KEK = "CONTACT_TRACING_KEK";
  public static final String KEK_FILE = "CONTACT_TRACING_KEK_FILE";
  public static final String PREVIOUS_KEK = "CONTACT_TRACING_PREVIOUS_KEK";
  public static final String PREVIOUS_KEK_FILE = "CONTACT_TRACING_PREVIOUS_KEK_FILE";

  /** One KEK and its fingerprint. */
  public record Kek(String id, SecretKey key) {
    static Kek of(byte[] bytes) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        return new Kek(HexFormat.of().formatHex(digest, 0, 8), Aead.key(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return "Kek[" + id + "]";
    }
  }

  private final Kek current;
  private final Optional<Kek> previous;

  public KeyEncryptionKeys(Kek current, Optional<Kek> previous) {
    this.current = current;
    this.previous = previous;
  }

  public static KeyEncryptionKeys of(byte[] current) {
    return new KeyEncryptionKeys(Kek.of(current), Optional.empty());
  }

  /**
   * Reads the KEKs from the environment. With an external database a missing KEK stops the module (fail
   * closed); with the embedded development database a KEK file is created beside, not inside, its data
   * directory.
   *
   * @param embeddedDefault where to keep a generated KEK, or empty when a KEK is mandatory
   */
  public static KeyEncryptionKeys fromEnvironment(Map<String, String> env, Optional<Path> embeddedDefault) {
    Optional<byte[]> current = read(env, KEK, KEK_FILE);
    if (current.isEmpty()) {
      if (embeddedDefault.isEmpty()) {
        throw new IllegalStateException("No key-encryption key: set " + KEK + " (base64 of 32 random bytes) or "
            + KEK_FILE + ". The module refuses to store personal data without one; see the README.");
      }
      current = Optional.of(createOrRead(Path.of(env.getOrDefault(KEK_FILE, embeddedDefault.get().toString()))));
    }
    Optional<byte[]> previous = read(env, PREVIOUS_KEK, PREVIOUS_KEK_FILE);
    return new KeyEncryptionKeys(Kek.of(current.get()), previous.map(Kek::of));
  }

  private static Optional<byte[]> read(Map<String, String> env, String variable, String fileVariable) {
    String value = env.get(variable);
    if (value != null && !value.isBlank()) {
      return Optional.of(decode(value, variable));
    }
    String file = env.get(fileVariable);
    if (file != null && !file.isBlank() && Files.exists(Path.of(file))) {
      try {
        return Optional.of(decode(Files.readString(Path.of(file), StandardCharsets.US_ASCII), fileVariable));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + fileVariable, e);
      }
    }
    return Optional.empty();
  }

  private static byte[] decode(String base64, String source) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(source + " must be base64", e);
    }
    if (bytes.length != Aead.KEY_BYTES) {
      throw new IllegalStateException(source + " must hold 32 bytes, not " + bytes.length);
    }
    return bytes;
  }

  private static byte[] createOrRead(Path file) {
    try {
      if (Files.exists(file)) {
        return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] key = new byte[Aead.KEY_BYTES];
      new java.security.SecureRandom().nextBytes(key);
      Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system; the directory's own permissions apply
      }
      log.warn("No {} set: generated a key-encryption key in {} for the embedded development database. "
          + "Keep it out of database backups; losing it makes all stored entries unreadable.", KEK, file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the key-encryption key file " + file, e);
    }
  }

  public Kek current() {
    return current;
  }

  /** The KEK with this fingerprint, if it is configured. */
  public Optional<Kek> byId(String id) {
    if (current.id().equals(id)) {
      return Optional.of(current);
    }
    return previous.filter(kek -> kek.id().equals(id));
  }
}
