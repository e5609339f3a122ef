package dev.safesend.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A repository folder whose service modules hold a runner jar that starts {@link FakeQuarkusService}. */
final class FakeRepository {

    private FakeRepository() {
    }

    /** Writes {@code <root>/<module>/target/quarkus-app/quarkus-run.jar} for each service. */
    static Path create(Path root, Collection<PlatformService> services) {
        try {
            Path testClasses = Path.of(FakeQuarkusService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeQuarkusService.class.getName());
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
            for (PlatformService service : services) {
                Path jar = service.runnerJar(root);
                Files.createDirectories(jar.getParent());
                try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                    out.flush();
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
