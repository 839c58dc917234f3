package org.folio.contacttracing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.folio.contacttracing.platform.config.ModuleConfig;
import org.folio.contacttracing.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key-encryption key the development mode generates for the embedded database: in a directory of its own, 0700,
 * beside the data directory, in a file created 0600; anything looser, or another user's, stops the module.
 */
class DevelopmentKeyFilesTest {
  @TempDir
  Path shared;

  private Path dataDirectory() {
    return shared.resolve("pgdata");
  }

  private ModuleConfig start() {
    return ModuleConfig.from(List.of(), Map.of(ModuleConfig.EMBEDDED_DIR_VARIABLE, dataDirectory().toString()),
        Map.of());
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theKeyIsGeneratedIntoAFileOfItsOwnDirectoryBesideTheDataDirectoryNotIntoTheSharedParent() throws Exception {
    var first = start();
    Path directory = shared.resolve("pgdata.keys");
    assertThat(mode(directory)).isEqualTo("rwx------");
    assertThat(mode(directory.resolve("kek"))).isEqualTo("rw-------");
    try (var files = Files.list(directory)) {
      assertThat(files).containsExactly(directory.resolve("kek"));
    }
    try (var files = Files.list(shared)) {
      assertThat(files).containsExactly(directory);
    }
    assertThat(start().keys().current().id()).isEqualTo(first.keys().current().id());
  }

  @Test
  void aKeyFileOpenToOthersIsRefusedNamingThePathAndTheModeButNotTheKey() throws Exception {
    start();
    Path kek = shared.resolve("pgdata.keys/kek");
    String key = Files.readString(kek).trim();
    Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(kek.toString()).hasMessageContaining("open to group or others (mode 0644)")
        .hasMessageNotContaining(key);
  }

  @Test
  void aKeyDirectoryOpenToOthersIsRefused() throws Exception {
    start();
    Path directory = shared.resolve("pgdata.keys");
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(directory.toString()).hasMessageContaining("mode 0755");
  }

  @Test
  void aKeyDirectorySomeoneElsePlantedIsRefusedAndNothingIsWrittenIntoIt() throws Exception {
    Path directory = Files.createDirectory(shared.resolve("pgdata.keys"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(directory.toString()).hasMessageContaining("mode 0777");
    try (var files = Files.list(directory)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aKeyFileAnotherUserOwnsIsRefused() throws Exception {
    // only root can give a file away; CI runs as root
    assumeTrue("root".equals(System.getProperty("user.name")));
    start();
    Path kek = shared.resolve("pgdata.keys/kek");
    Files.setOwner(kek, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(kek.toString()).hasMessageContaining("owned by nobody");
  }

  @Test
  void aKeyFileThatIsALinkIsRefused() throws Exception {
    start();
    Path kek = shared.resolve("pgdata.keys/kek");
    Path elsewhere = Files.move(kek, shared.resolve("elsewhere"));
    Files.createSymbolicLink(kek, elsewhere);
    assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(kek.toString()).hasMessageContaining("symbolic link");
  }

  @Test
  void startsAtTheSameTimeShareOneGeneratedKey() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      CyclicBarrier together = new CyclicBarrier(4);
      List<Future<String>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(threads.submit(() -> {
          together.await();
          return start().keys().current().id();
        }));
      }
      Set<String> ids = new HashSet<>();
      for (Future<String> start : starts) {
        ids.add(start.get());
      }
      assertThat(ids).hasSize(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aKekFileVariableNamingAMissingFileIsRefusedInsteadOfGeneratingAKeyThere() {
    Path missing = shared.resolve("mounted/kek");
    assertThatThrownBy(() -> ModuleConfig.from(List.of(), Map.of(ModuleConfig.EMBEDDED_DIR_VARIABLE,
        dataDirectory().toString(), "CONTACT_TRACING_KEK_FILE", missing.toString()), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    assertThat(missing).doesNotExist();
  }

  @Test
  void aMountedKekFileOthersCanReadIsUsedWithAWarningNamingThePathAndTheMode() throws Exception {
    // what Kubernetes mounts by default: 0644, read by a module that is not its owner
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    Path mounted = Files.writeString(shared.resolve("kek"), key + "\n");
    Files.setPosixFilePermissions(mounted, PosixFilePermissions.fromString("rw-r--r--"));
    try (LogCapture logs = LogCapture.capture()) {
      var config = ModuleConfig.from(List.of(), Map.of("DB_HOST", "pg", "CONTACT_TRACING_KEK_FILE",
          mounted.toString()), Map.of());
      assertThat(config.keys().current()).isNotNull();
      assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains(mounted.toString())
          && line.contains("mode 0644"));
      assertThat(logs.lines()).noneMatch(line -> line.contains(key));
    }
  }
}
