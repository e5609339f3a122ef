package dev.safesend.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment's documents (docs/operations.md, docs/adr/, k8s/README.md) link only to files of this repository
 * that exist, and every decision record is in the index.
 */
class OperationsDocsTest {

    static final Path REPO = KubernetesManifestsTest.REPO;
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(REPO.resolve("docs/operations.md"), REPO.resolve("k8s/README.md")));
        try (Stream<Path> adr = Files.list(REPO.resolve("docs/adr"))) {
            adr.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyLinkPointsAtAFileInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1).replaceAll("#.*$", "");
                if (target.isEmpty()) {
                    continue;
                }
                Path resolved = doc.getParent().resolve(target).normalize();
                if (target.contains("://") || target.startsWith("/") || !resolved.startsWith(REPO) || !Files.exists(resolved)) {
                    broken.add(REPO.relativize(doc) + " → " + m.group(1));
                }
            }
            assertThat(text).as(doc.toString()).doesNotContain("../shared").doesNotContain("/work/");
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theIndexListsEveryDecisionRecord() throws IOException {
        String index = Files.readString(REPO.resolve("docs/adr/README.md"));
        List<Path> records = documents().stream().filter(p -> p.getFileName().toString().matches("\\d{4}-.+\\.md")).toList();
        assertThat(records).hasSizeGreaterThanOrEqualTo(4);
        for (Path r : records) {
            assertThat(index).contains("(" + r.getFileName() + ")");
            assertThat(Files.readString(r)).startsWith("# " + r.getFileName().toString().substring(0, 4) + " — ").contains("Status: ");
        }
    }
}
