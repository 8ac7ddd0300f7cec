package dev.dialtone.probe.jdbc;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Host-name matching for certificates checked outside JSSE's endpoint identification (SQL Server and
 * MariaDB run the handshake themselves): DNS names with a left-most wildcard, IP addresses, and the
 * subject CN only when the certificate has no DNS names (RFC 6125).
 */
final class CertificateNames {
    private static final int DNS = 2;
    private static final int IP = 7;

    private CertificateNames() {
    }

    static boolean matches(X509Certificate certificate, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        boolean ip = wanted.matches("[0-9.]+") || wanted.contains(":");
        List<String> dnsNames = new ArrayList<>();
        for (List<?> entry : alternatives(certificate)) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT);
            if (type == IP && ip && sameAddress(value, wanted)) {
                return true;
            }
            if (type == DNS) {
                dnsNames.add(value);
                if (!ip && dnsMatches(value, wanted)) {
                    return true;
                }
            }
        }
        if (dnsNames.isEmpty() && !ip) {
            return commonName(certificate).map(cn -> dnsMatches(cn.toLowerCase(Locale.ROOT), wanted)).orElse(false);
        }
        return false;
    }

    /** The names a certificate is for, quoted, for messages. */
    static String describe(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : alternatives(certificate)) {
            names.add("'" + entry.get(1) + "'");
        }
        return names.isEmpty() ? "'" + certificate.getSubjectX500Principal().getName() + "'" : String.join(", ", names);
    }

    private static Collection<List<?>> alternatives(X509Certificate certificate) {
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all == null) {
                return List.of();
            }
            return all.stream().filter(entry -> entry.get(0) instanceof Integer type && (type == DNS || type == IP))
                    .toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean dnsMatches(String pattern, String name) {
        String host = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1)) && pattern.indexOf('.', 2) > 0;
        }
        return pattern.equals(host);
    }

    private static boolean sameAddress(String a, String b) {
        try {
            String left = b.startsWith("[") ? b.substring(1, b.length() - 1) : b;
            return InetAddress.getByName(a).equals(InetAddress.getByName(left));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static java.util.Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return java.util.Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // No usable CN.
        }
        return java.util.Optional.empty();
    }
}
