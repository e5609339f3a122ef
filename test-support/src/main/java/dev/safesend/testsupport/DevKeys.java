package dev.safesend.testsupport;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The development signing key pair and the bearer tokens signed with it. The pair is generated
 * on first use into a folder outside git (local state or target/), never committed. Services
 * verify tokens with {@code quarkus.oidc.public-key} = {@link #publicKeyBase64()} and
 * {@code quarkus.oidc.token.issuer} = {@link #ISSUER}.
 */
public final class DevKeys {

    public static final String ISSUER = "https://safesend.local/dev";
    public static final List<String> ROLES = List.of("admin", "operator", "viewer", "sender");
    /** The claim naming the projects a token may act for; absent: all projects. */
    public static final String PROJECTS_CLAIM = "projects";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static synchronized DevKeys loadOrCreate(Path dir) {
        Path priv = dir.resolve("dev-signing-key.pk8");
        Path pub = dir.resolve("dev-signing-key.pub");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(priv) && Files.exists(pub)) {
                return new DevKeys(rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))),
                        rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))));
            }
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.write(priv, pair.getPrivate().getEncoded());
            restrictToOwner(priv);
            Files.write(pub, pair.getPublic().getEncoded());
            return new DevKeys(pair.getPrivate(), pair.getPublic());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create dev keys in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The private key is readable by its owner only (where the file system has POSIX permissions). */
    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
    }

    /** Base64 DER (X.509 SubjectPublicKeyInfo), the form {@code quarkus.oidc.public-key} takes. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** A signed JWT for a subject holding the given roles (claim {@code groups}), valid for the given time, for all projects. */
    public String token(String subject, Duration validity, String... roles) {
        return token(subject, validity, List.of(), roles);
    }

    /**
     * A signed JWT for a subject holding the given roles, limited to {@code projects} (claim {@code projects}, an
     * array of project ids); an empty list leaves the claim out, which services read as all projects.
     */
    public String token(String subject, Duration validity, List<String> projects, String... roles) {
        return sign(ISSUER, subject, validity, projects, roles);
    }

    /** A one-hour token signed with these keys but naming another issuer: what a service must refuse. */
    public String tokenFrom(String issuer, String subject, String... roles) {
        return sign(issuer, subject, Duration.ofHours(1), List.of(), roles);
    }

    private String sign(String issuer, String subject, Duration validity, List<String> projects, String... roles) {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; roles are " + ROLES);
            }
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience("safesend");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(validity.toSeconds() / 60f);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", roles);
        claims.setClaim("preferred_username", subject);
        if (!projects.isEmpty()) {
            claims.setStringListClaim(PROJECTS_CLAIM, projects);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setKeyIdHeaderValue("dev");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-hour token for a role, subject {@code dev-<role>}. */
    public String token(String role) {
        return token("dev-" + role, Duration.ofHours(1), role);
    }

    /** A one-hour token for a role limited to {@code projects} (none: all projects), subject {@code dev-<role>}. */
    public String token(String role, List<String> projects) {
        return token("dev-" + role, Duration.ofHours(1), projects, role);
    }
}
