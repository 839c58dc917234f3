package org.folio.contacttracing.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  /** The generated KEK's file in the development mode's secret directory. */
  public static final String GENERATED_FILE = "kek";

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
   * closed); with the embedded development database one is generated into its secret directory.
   *
   * @param development where to keep a generated KEK, or empty when a KEK is mandatory
   */
  public static KeyEncryptionKeys fromEnvironment(Map<String, String> env, Optional<SecretDirectory> development) {
    Optional<byte[]> current = read(env, KEK, KEK_FILE);
    if (current.isEmpty() && file(env, KEK_FILE).isPresent()) {
      // a mistyped or unmounted secret must not turn into a fresh key that nothing stored can be read with
      throw new IllegalStateException(KEK_FILE + " names " + file(env, KEK_FILE).get() + ", which does not exist");
    }
    if (current.isEmpty()) {
      if (development.isEmpty()) {
        throw new IllegalStateException("No key-encryption key: set " + KEK + " (base64 of 32 random bytes) or "
            + KEK_FILE + ". The module refuses to store personal data without one; see the README.");
      }
      current = Optional.of(generated(development.get()));
    }
    Optional<byte[]> previous = read(env, PREVIOUS_KEK, PREVIOUS_KEK_FILE);
    return new KeyEncryptionKeys(Kek.of(current.get()), previous.map(Kek::of));
  }

  private static Optional<byte[]> read(Map<String, String> env, String variable, String fileVariable) {
    String value = env.get(variable);
    if (value != null && !value.isBlank()) {
      return Optional.of(decode(value, variable));
    }
    Optional<Path> file = file(env, fileVariable).filter(Files::exists);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      warnIfExposed(file.get(), fileVariable);
      return Optional.of(decode(Files.readString(file.get(), StandardCharsets.US_ASCII), fileVariable));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + fileVariable, e);
    }
  }

  private static Optional<Path> file(Map<String, String> env, String fileVariable) {
    return Optional.ofNullable(env.get(fileVariable)).filter(file -> !file.isBlank()).map(Path::of);
  }

  /**
   * Warns, without refusing, about a KEK file that others can read or replace. Such files are usually mounted
   * secrets, and the usual mounts are looser than the development mode's own files: Kubernetes mounts a secret
   * root-owned with mode 0644 unless told otherwise, read-only, and gives it to a non-root module through its group.
   * Refusing them would stop the standard deployments; the operator decides, told what is wrong.
   */
  private static void warnIfExposed(Path file, String fileVariable) throws IOException {
    PosixFileAttributes attributes;
    try {
      // follows links: Kubernetes mounts each secret as a link into a directory it swaps on updates
      attributes = SecretDirectory.attributes(file);
    } catch (IllegalStateException e) {
      return;
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    String owner = attributes.owner().getName();
    if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      log.warn("{} {} is readable by others or writable by group or others (mode {}): whoever can read it can "
          + "decrypt the stored entries, whoever can replace it can read what is stored after. Mount it with mode "
          + "0400 or 0440 (Kubernetes: defaultMode).", fileVariable, file, SecretDirectory.mode(permissions));
    }
    if (!attributes.owner().equals(SecretDirectory.currentUser()) && !"root".equals(owner)) {
      log.warn("{} {} is owned by {}, who can change or replace it; it should belong to root or to the user the "
          + "module runs as.", fileVariable, file, owner);
    }
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

  private static byte[] generated(SecretDirectory development) {
    Optional<String> existing = development.read(GENERATED_FILE);
    if (existing.isPresent()) {
      return decode(existing.get(), development.file(GENERATED_FILE).toString());
    }
    byte[] key = new byte[Aead.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    String ours = Base64.getEncoder().encodeToString(key);
    String kept = development.create(GENERATED_FILE, ours);
    // another start may have generated one at the same moment; then that one is kept, and it warned
    if (kept.equals(ours)) {
      log.warn("No {} set: generated a key-encryption key in {} for the embedded development database. "
          + "Keep it out of database backups; losing it makes all stored entries unreadable.", KEK,
          development.file(GENERATED_FILE));
    }
    return decode(kept, development.file(GENERATED_FILE).toString());
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
