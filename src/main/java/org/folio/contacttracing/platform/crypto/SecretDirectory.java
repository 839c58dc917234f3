package org.folio.contacttracing.platform.crypto;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

/**
 * The directory of its own where the development mode keeps the secrets it generates: the key-encryption key and
 * the embedded PostgreSQL's password. It is {@code <data directory>.keys}, beside the data directory (a copy of
 * the data must not carry its key) and never a shared parent such as {@code /tmp} itself. The directory is 0700
 * and each file 0600, owned by the user the module runs as; anything looser is refused, never used, because a
 * secret that someone else could have read or planted protects nothing.
 */
public record SecretDirectory(Path path) {
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

  /** The secrets of the embedded PostgreSQL whose data lives in {@code dataDirectory}. */
  public static SecretDirectory beside(Path dataDirectory) {
    Path data = dataDirectory.toAbsolutePath().normalize();
    if (data.getFileName() == null) {
      throw new IllegalArgumentException("The embedded data directory cannot be the root directory");
    }
    return new SecretDirectory(data.resolveSibling(data.getFileName() + ".keys"));
  }

  public Path file(String name) {
    return path.resolve(name);
  }

  /** The secret kept in {@code name}, or empty when there is none yet; a file or directory not private is refused. */
  public Optional<String> read(String name) {
    Path file = file(name);
    try {
      if (!Files.exists(path, NOFOLLOW_LINKS) || !Files.exists(file, NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      requirePrivate(path, true);
      requirePrivate(file, false);
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * Stores a new secret and returns the one kept: {@code value}, or the secret another start stored first. The file
   * is written and synced under a temporary name, created 0600, then linked to its name, which never replaces an
   * existing file: no one ever sees it with wider permissions or partly written.
   */
  public String create(String name, String value) {
    Path file = file(name);
    try {
      createDirectory();
      Path temporary = Files.createTempFile(path, "." + name + "-", ".tmp",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
      try {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          channel.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.US_ASCII)));
          // a key lost to a crash right after its first use would make everything it encrypted unreadable
          channel.force(true);
        }
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException e) {
        // another start of the module made it first; both use that one
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + file, e);
    }
    return read(name).orElseThrow();
  }

  private void createDirectory() throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    try {
      Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
    } catch (FileAlreadyExistsException e) {
      // checked below like a directory created by this call
    }
    requirePrivate(path, true);
  }

  private static void requirePrivate(Path path, boolean directory) throws IOException {
    PosixFileAttributes attributes = attributes(path, NOFOLLOW_LINKS);
    UserPrincipal user = currentUser();
    String problem = null;
    if (attributes.isSymbolicLink()) {
      problem = "is a symbolic link";
    } else if (directory ? !attributes.isDirectory() : !attributes.isRegularFile()) {
      problem = directory ? "is not a directory" : "is not a regular file";
    } else if (!attributes.owner().equals(user)) {
      problem = "is owned by " + attributes.owner().getName() + ", not by " + user.getName();
    } else if (openToOthers(attributes.permissions())) {
      problem = "is open to group or others (mode " + mode(attributes.permissions()) + ")";
    }
    if (problem != null) {
      throw new IllegalStateException("Refusing " + path + ": it " + problem + ". The development mode keeps the "
          + "secrets it generates only in a directory (0700) and files (0600) of the user it runs as; if no one else "
          + "can have read or replaced it, make it so, otherwise treat the secret as known and remove it.");
    }
  }

  static PosixFileAttributes attributes(Path path, LinkOption... options) throws IOException {
    try {
      return Files.readAttributes(path, PosixFileAttributes.class, options);
    } catch (UnsupportedOperationException e) {
      throw new IllegalStateException("Cannot check who may read " + path + ": its file system has no POSIX "
          + "permissions", e);
    }
  }

  static boolean openToOthers(Set<PosixFilePermission> permissions) {
    return permissions.stream().anyMatch(permission -> !permission.name().startsWith("OWNER_"));
  }

  /** The permissions as the octal mode {@code chmod} takes, such as {@code 0644}. */
  static String mode(Set<PosixFilePermission> permissions) {
    int bits = 0;
    for (PosixFilePermission permission : permissions) {
      // the enum runs from OWNER_READ (0400) to OTHERS_EXECUTE (0001)
      bits |= 1 << (8 - permission.ordinal());
    }
    return String.format("%04o", bits);
  }

  /** The user this process runs as, also when it has no name (a container's arbitrary user id). */
  static UserPrincipal currentUser() throws IOException {
    Path self = Path.of("/proc/self");
    if (Files.exists(self)) {
      return Files.getOwner(self);
    }
    return FileSystems.getDefault().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
  }
}
