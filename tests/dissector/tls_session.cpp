// SPDX-License-Identifier: Apache-2.0
#include "tests/dissector/tls_session.h"

#include "core/trace/run_capture.h"
#include "core/trace/tls_key_log.h"
#include "tests/dissector/mid_samples.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstring>
#include <memory>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace m2mbench::test {

namespace {

const char kIdentity[] = "00112233445566778899aabbccddeeff:1";
const unsigned char kPsk[32] = {0x4b, 0x6d, 0x63, 0x21, 1,  2,  3,  4,  5,  6,  7,
                                8,    9,    10,   11,   12, 13, 14, 15, 16, 17, 18,
                                19,   20,   21,   22,   23, 24, 25, 26, 27, 28};

unsigned int serverPsk(SSL *, const char *identity, unsigned char *psk, unsigned int max) {
    if (!identity || std::strcmp(identity, kIdentity) != 0 || max < sizeof kPsk) {
        return 0;
    }
    std::memcpy(psk, kPsk, sizeof kPsk);
    return sizeof kPsk;
}

unsigned int clientPsk(SSL *, const char *, char *identity, unsigned int maxIdentity,
                       unsigned char *psk, unsigned int max) {
    if (maxIdentity <= std::strlen(kIdentity) || max < sizeof kPsk) {
        return 0;
    }
    std::strcpy(identity, kIdentity);
    std::memcpy(psk, kPsk, sizeof kPsk);
    return sizeof kPsk;
}

struct CtxFree {
    void operator()(SSL_CTX *c) const { SSL_CTX_free(c); }
};
using Ctx = std::unique_ptr<SSL_CTX, CtxFree>;

Ctx makeContext(bool server) {
    Ctx ctx(SSL_CTX_new(server ? TLS_server_method() : TLS_client_method()));
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx.get(), "PSK-AES128-GCM-SHA256");
    if (server) {
        SSL_CTX_set_psk_server_callback(ctx.get(), serverPsk);
    } else {
        SSL_CTX_set_psk_client_callback(ctx.get(), clientPsk);
    }
    return ctx;
}

void boundTime(int fd) {
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

/// Reads one HTTP message (head and Content-Length body), at most 64 KiB.
QByteArray readMessage(SSL *ssl) {
    QByteArray in;
    char buf[4096];
    while (in.size() < 65536) {
        const qsizetype head = in.indexOf("\r\n\r\n");
        if (head >= 0) {
            const qsizetype at = in.indexOf("Content-Length: ");
            const qsizetype length =
                at >= 0 ? in.mid(at + 16, in.indexOf('\r', at) - at - 16).toLongLong() : 0;
            if (in.size() >= head + 4 + length) {
                return in;
            }
        }
        const int n = SSL_read(ssl, buf, sizeof buf);
        if (n <= 0) {
            break;
        }
        in.append(buf, n);
    }
    return in;
}

void serve(SSL_CTX *ctx, int listener, const QByteArray &response) {
    const int fd = ::accept(listener, nullptr, nullptr);
    if (fd < 0) {
        return;
    }
    boundTime(fd);
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) == 1 && !readMessage(ssl).isEmpty()) {
        SSL_write(ssl, response.constData(), static_cast<int>(response.size()));
        SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    ::close(fd);
}

Result<void> exchange(SSL_CTX *ctx, quint16 port, const QByteArray &request, trace::Trace &trace) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    boundTime(fd);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return fail(Error::Kind::Io, QStringLiteral("cannot connect to the TLS server"));
    }
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    Result<void> result;
    if (SSL_connect(ssl) != 1) {
        result = fail(Error::Kind::Crypto,
                      QStringLiteral("TLS-PSK handshake failed: %1")
                          .arg(QString::fromLatin1(ERR_error_string(ERR_get_error(), nullptr))));
    } else {
        trace::Event sent;
        sent.kind = trace::EventKind::MessageSent;
        sent.from = QStringLiteral("D/GSCL");
        sent.to = QStringLiteral("NSCL");
        sent.protocol = QStringLiteral("HTTP");
        sent.raw = request; // the plaintext: what the TLS binding will record
        trace.append(sent);
        SSL_write(ssl, request.constData(), static_cast<int>(request.size()));
        trace::Event received = sent;
        received.kind = trace::EventKind::MessageReceived;
        std::swap(received.from, received.to);
        received.raw = readMessage(ssl);
        received.relatesTo = trace.size();
        trace.append(received);
        SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    ::close(fd);
    return result;
}

} // namespace

Result<TlsCapture> captureTlsExchange(const QString &dir, bool embedSecrets) {
    const QByteArray body =
        "<?xml version=\"1.0\"?><m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"gscl-tls\">"
        "<m2m:searchStrings><m2m:searchString>tls</m2m:searchString></m2m:searchStrings></m2m:scl>";
    const QByteArray request = httpMessage("POST /m2m/scls HTTP/1.1", body,
                                           "Authorization: Basic Z3NjbC10bHM6c2VjcmV0\r\n");
    const QByteArray response =
        httpMessage("HTTP/1.1 201 Created", body, "Location: /m2m/scls/gscl-tls\r\n");
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(listener, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 ||
        ::listen(listener, 1) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr *>(&a), &len) != 0) {
        ::close(listener);
        return fail(Error::Kind::Io, QStringLiteral("cannot listen on 127.0.0.1"));
    }
    const quint16 port = ntohs(a.sin_port);
    trace::Trace trace;
    trace::RunCapture capture(trace, trace::RunCaptureOptions{dir, embedSecrets, {}, {}, true});
    if (auto ok = capture.prepare(); !ok) {
        ::close(listener);
        return fail(ok.error());
    }
    const QString note = capture.begin(QStringLiteral("https://127.0.0.1:%1/m2m").arg(port));
    if (!capture.liveRunning()) {
        ::close(listener);
        return fail(Error::Kind::Io, note);
    }
    Ctx server = makeContext(true);
    Ctx client = makeContext(false);
    trace::recordTlsSecrets(client.get(), &trace, QStringLiteral("D/GSCL"));
    std::thread serverThread([&] { serve(server.get(), listener, response); });
    const auto exchanged = exchange(client.get(), port, request, trace);
    serverThread.join();
    ::close(listener);
    auto done = capture.finish(trace::RunInfo{});
    if (!exchanged) {
        return fail(exchanged.error());
    }
    if (!done) {
        return fail(done.error());
    }
    return TlsCapture{done->livePath, done->exportPath,  done->keyLogPath,
                      port,           done->keyLogLines, done->live.linkedEvents};
}

} // namespace m2mbench::test
