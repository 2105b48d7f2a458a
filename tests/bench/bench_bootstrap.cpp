// SPDX-License-Identifier: Apache-2.0
// Bootstraps per second on one core: the device emulator against the in-process MSBF (EAP-TLS,
// ECDSA P-256, PANA over UDP loopback, every message in the trace, Kmr derived on both sides),
// beside a plain OpenSSL TLS 1.2 handshake loop over memory BIOs with the same certificates and
// keys (mutual authentication), in the same run. Prints medians of several rounds and the ratio.
// Target (issue 4): bootstrap rate >= 0.5 x plain handshake rate.
#include "core/crypto/pki.h"
#include "core/nodes/device/bootstrap_client.h"
#include "core/nodes/msbf/msbf_node.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace m2mbench;

namespace {

const int kRounds = qEnvironmentVariableIntValue("BENCH_ROUNDS") > 0
                        ? qEnvironmentVariableIntValue("BENCH_ROUNDS")
                        : 5;
const int kSeconds = qEnvironmentVariableIntValue("BENCH_SECONDS") > 0
                         ? qEnvironmentVariableIntValue("BENCH_SECONDS")
                         : 2;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Pki {
    QByteArray nodeId = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    crypto::Credential ca;
    crypto::Credential msbf;
    crypto::Credential device;
};

Pki makePki(const crypto::Profile &profile) {
    Pki p;
    auto ca = crypto::TestPki::create(QStringLiteral("bench CA"));
    p.ca = ca->ca();
    p.msbf = *ca->issueServer(profile.bootstrap.msbfFqdn);
    p.device = *ca->issueDevice(p.nodeId, crypto::deviceIdentity(profile.bootstrap, p.nodeId),
                                profile.bootstrap.nodeIdUriPrefix);
    return p;
}

SSL_CTX *context(bool server, const Pki &pki) {
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    const crypto::Credential &own = server ? pki.msbf : pki.device;
    BIO *cert = BIO_new_mem_buf(own.certificatePem.constData(),
                                static_cast<int>(own.certificatePem.size()));
    X509 *x = PEM_read_bio_X509(cert, nullptr, nullptr, nullptr);
    SSL_CTX_use_certificate(ctx, x);
    X509_free(x);
    BIO_free(cert);
    BIO *key =
        BIO_new_mem_buf(own.privateKeyPem.data(), static_cast<int>(own.privateKeyPem.size()));
    EVP_PKEY *k = PEM_read_bio_PrivateKey(key, nullptr, nullptr, nullptr);
    SSL_CTX_use_PrivateKey(ctx, k);
    EVP_PKEY_free(k);
    BIO_free(key);
    BIO *caBio = BIO_new_mem_buf(pki.ca.certificatePem.constData(),
                                 static_cast<int>(pki.ca.certificatePem.size()));
    X509 *caCert = PEM_read_bio_X509(caBio, nullptr, nullptr, nullptr);
    X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), caCert);
    X509_free(caCert);
    BIO_free(caBio);
    SSL_CTX_set_verify(
        ctx, server ? SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT : SSL_VERIFY_PEER, nullptr);
    return ctx;
}

/// Full TLS 1.2 handshakes with client certificates over memory BIOs, per second.
double plainHandshakes(const Pki &pki) {
    SSL_CTX *serverCtx = context(true, pki);
    SSL_CTX *clientCtx = context(false, pki);
    QElapsedTimer t;
    t.start();
    int done = 0;
    while (t.elapsed() < kSeconds * 1000) {
        SSL *client = SSL_new(clientCtx);
        SSL *server = SSL_new(serverCtx);
        BIO *c2s = nullptr;
        BIO *s2c = nullptr;
        BIO_new_bio_pair(&c2s, 0, &s2c, 0);
        SSL_set_bio(client, c2s, c2s);
        SSL_set_bio(server, s2c, s2c);
        SSL_set_connect_state(client);
        SSL_set_accept_state(server);
        for (int i = 0; i < 20 && (!SSL_is_init_finished(client) || !SSL_is_init_finished(server));
             ++i) {
            SSL_do_handshake(client);
            SSL_do_handshake(server);
        }
        if (!SSL_is_init_finished(client) || !SSL_is_init_finished(server)) {
            std::fprintf(stderr, "plain handshake failed\n");
            std::exit(3);
        }
        SSL_free(client);
        SSL_free(server);
        ++done;
    }
    const double rate = done * 1000.0 / static_cast<double>(t.elapsed());
    SSL_CTX_free(serverCtx);
    SSL_CTX_free(clientCtx);
    return rate;
}

/// Whole bootstraps (PCI ... PAN[C], Kmr on both sides, then PTR/PTA to free the MSBF's session)
/// of the device emulator against the MSBF, both on this one thread, per second.
double bootstraps(const Pki &pki, const crypto::Profile &profile, int tlsVersion, bool traced) {
    trace::Trace trace;
    nodes::MsbfConfig mc;
    mc.profile = profile;
    mc.port = 0;
    mc.credential = pki.msbf;
    mc.caPem = pki.ca.certificatePem;
    mc.acceptAnyDevice = true;
    mc.tlsMinVersion = mc.tlsMaxVersion = tlsVersion;
    nodes::MsbfNode msbf(mc, traced ? &trace : nullptr);
    const quint16 port = *msbf.listen();
    nodes::DeviceBootstrapConfig dc;
    dc.profile = profile;
    dc.msbfPort = port;
    dc.nodeId = pki.nodeId;
    dc.credential = pki.device;
    dc.caPem = pki.ca.certificatePem;
    dc.tlsMinVersion = dc.tlsMaxVersion = tlsVersion;
    nodes::DeviceBootstrap device(dc, traced ? &trace : nullptr);
    QElapsedTimer t;
    t.start();
    int done = 0;
    QEventLoop loop;
    while (t.elapsed() < kSeconds * 1000) {
        device.start();
        device.waitFor(
            [&] { return device.result().outcome != nodes::BootstrapResult::Outcome::Pending; },
            5000, [&](bool) { loop.quit(); });
        loop.exec();
        if (device.result().outcome != nodes::BootstrapResult::Outcome::Bootstrapped) {
            std::fprintf(stderr, "bootstrap failed: %s\n", qPrintable(device.result().reason));
            std::exit(3);
        }
        device.session()->terminate();
        device.waitFor([&] { return device.session()->isClosed(); }, 5000,
                       [&](bool) { loop.quit(); });
        loop.exec();
        ++done;
    }
    return done * 1000.0 / static_cast<double>(t.elapsed());
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    crypto::Profile profile = *crypto::Profile::builtin();
    const Pki pki = makePki(profile);
    std::printf("bench_bootstrap: %d rounds of %d s each, one thread, ECDSA P-256 certificates\n",
                kRounds, kSeconds);
    std::vector<double> plain;
    std::vector<double> boot12;
    std::vector<double> boot12Untraced;
    std::vector<double> boot13;
    for (int round = 0; round < kRounds; ++round) {
        plain.push_back(plainHandshakes(pki));
        boot12.push_back(bootstraps(pki, profile, 0x0303, true));
        boot12Untraced.push_back(bootstraps(pki, profile, 0x0303, false));
        boot13.push_back(bootstraps(pki, profile, 0x0304, true));
        std::printf("  round %d: plain TLS 1.2 %.0f/s, bootstrap TLS 1.2 %.0f/s (untraced %.0f/s), "
                    "TLS 1.3 %.0f/s\n",
                    round + 1, plain.back(), boot12.back(), boot12Untraced.back(), boot13.back());
    }
    const double p = median(plain);
    const double b = median(boot12);
    std::printf("\nplain OpenSSL TLS 1.2 handshake (mutual, memory BIOs): %8.0f /s\n", p);
    std::printf("bootstrap over PANA, EAP-TLS 1.2, traced:               %8.0f /s   ratio %.2f "
                "(target >= 0.5)\n",
                b, b / p);
    std::printf("bootstrap over PANA, EAP-TLS 1.2, no trace:             %8.0f /s   ratio %.2f\n",
                median(boot12Untraced), median(boot12Untraced) / p);
    std::printf("bootstrap over PANA, EAP-TLS 1.3, traced:               %8.0f /s   ratio %.2f\n",
                median(boot13), median(boot13) / p);
    return b / p >= 0.5 ? 0 : 1;
}
