package org.folio.contacttracing.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Forensics on the test PostgreSQL's data directory, the way a DBA with the files would look. */
public final class DataFiles {
  private DataFiles() {
  }

  /** Writes every dirty buffer to the relation files, and lets PostgreSQL remove the files dropped before. */
  public static void checkpoint() throws SQLException {
    ModuleUnderTest.execute("CHECKPOINT");
  }

  /** The files under {@code root} holding any of the byte sequences; WAL left out when {@code withWal} is false. */
  public static List<Path> containing(Path root, List<byte[]> needles, boolean withWal) throws IOException {
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!withWal && root.relativize(file).startsWith("pg_wal")) {
          continue;
        }
        byte[] content;
        try {
          content = Files.readAllBytes(file);
        } catch (IOException e) {
          continue; // a file PostgreSQL removed while we walked
        }
        if (needles.stream().anyMatch(needle -> indexOf(content, needle) >= 0)) {
          hits.add(file);
        }
      }
    }
    return hits;
  }

  /** The relation files of the test PostgreSQL, WAL left out, that hold any of the byte sequences. */
  public static List<Path> relationFilesContaining(List<byte[]> needles) throws IOException {
    return containing(TestPostgres.server().dataDirectory(), needles, false);
  }

  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
