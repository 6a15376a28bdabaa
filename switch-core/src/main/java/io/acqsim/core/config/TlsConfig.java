package io.acqsim.core.config;

/**
 * TLS on one ISO listener: the server's certificate chain and private key, PEM files (the key
 * unencrypted PKCS#8, {@code -----BEGIN PRIVATE KEY-----}). Relative names are resolved against
 * the configuration file's folder.
 *
 * @param certificate PEM certificate chain, the server's own certificate first
 * @param key         PEM PKCS#8 private key matching the certificate
 */
public record TlsConfig(String certificate, String key) {
}
