// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/coap/coap_server.h"

#include "core/protocol/coap/coap_runtime.h"
#include "core/protocol/tls/psk_identity.h"
#include "core/trace/trace.h"

#include <QThread>
#include <QTimer>

#include <openssl/rand.h>
#include <openssl/ssl.h>

namespace m2mbench::coap {

struct Server::Impl {
    Server *q;
    Handler handler;
    ServerLimits limits;
    detail::Loop loop;
    Block1Assembler block1;
    Block2Server block2;
    std::optional<ServerPsk> psk;
    QByteArray cipherList;
    SecureBytes currentKey; ///< the key handed to libcoap by the last identity callback
    coap_bin_const_t keyView{0, nullptr};
    SecureBytes placeholder;         ///< libcoap wants a default key; no peer can know this one
    coap_dtls_spsk_info_t sniInfo{}; ///< only its key: the placeholder
    bool resourcesAdded = false;
    bool cipherApplied = false;
    bool probing = false; ///< our own cipher probe runs: its refusal is no event
    quint64 requests = 0;

    Impl(Server *server, Handler h, ServerLimits l)
        : q(server)
        , handler(std::move(h))
        , limits(l)
        , loop(server)
        , block1(l.blocks)
        , block2(l.blocks) {}

    void addResources();
    void handle(coap_session_t *session, const coap_pdu_t *request, coap_pdu_t *response);
    PeerInfo peerOf(const coap_session_t *session) const;
    const coap_bin_const_t *identity(const coap_bin_const_t *id, coap_session_t *session);
    void applyCiphers(coap_session_t *session);
    void probeCiphers(const QHostAddress &address, quint16 port);
    void event(coap_session_t *session, coap_event_t event);
};

namespace {

Server::Impl *implOf(const coap_session_t *session) {
    return static_cast<Server::Impl *>(coap_get_app_data(coap_session_get_context(session)));
}

void onRequest(coap_resource_t *, coap_session_t *session, const coap_pdu_t *request,
               const coap_string_t *, coap_pdu_t *response) {
    if (Server::Impl *d = implOf(session)) {
        d->handle(session, request, response);
    }
}

const coap_bin_const_t *onIdentity(coap_bin_const_t *identity, coap_session_t *session, void *arg) {
    return static_cast<Server::Impl *>(arg)->identity(identity, session);
}

int onEvent(coap_session_t *session, const coap_event_t event) {
    if (Server::Impl *d = implOf(session)) {
        d->event(session, event);
    }
    return 0;
}

QString peerText(const PeerInfo &p) {
    return QStringLiteral("%1:%2").arg(p.address.toString()).arg(p.port);
}

const char *kProxyNames[] = {"localhost", "127.0.0.1", "::1"};

/// The identity of the handshake the server makes with itself to reach its DTLS context.
const QByteArray kProbeIdentity = QByteArrayLiteral("m2mbench-cipher-probe");

} // namespace

void Server::Impl::addResources() {
    if (resourcesAdded) {
        return;
    }
    resourcesAdded = true;
    coap_context_t *ctx = loop.context();
    coap_set_app_data(ctx, this);
    coap_register_event_handler(ctx, onEvent);
    coap_context_set_max_idle_sessions(ctx, static_cast<unsigned>(limits.maxSessions));
    coap_context_set_max_handshake_sessions(ctx, static_cast<unsigned>(limits.maxHandshakes));
    // Every path goes to one handler: the NSCL's resource tree is its own business.
    coap_resource_t *any = coap_resource_unknown_init2(onRequest, 0);
    for (const coap_request_t m : {COAP_REQUEST_GET, COAP_REQUEST_POST, COAP_REQUEST_DELETE}) {
        coap_register_request_handler(any, m, onRequest);
    }
    coap_add_resource(ctx, any);
    // Requests naming this server in Proxy-Uri are answered here too (the binding reads it).
    coap_resource_t *proxy = coap_resource_proxy_uri_init2(
        onRequest, sizeof kProxyNames / sizeof kProxyNames[0], kProxyNames, 0);
    coap_add_resource(ctx, proxy);
}

PeerInfo Server::Impl::peerOf(const coap_session_t *session) const {
    PeerInfo p;
    p.address = detail::fromCoapAddress(coap_session_get_addr_remote(session), &p.port);
    p.secure = coap_session_get_proto(session) == COAP_PROTO_DTLS;
    if (p.secure) {
        p.pskIdentity = detail::pskIdentity(session);
        p.cipher = detail::dtlsCipher(session);
    }
    return p;
}

void Server::Impl::handle(coap_session_t *session, const coap_pdu_t *pdu, coap_pdu_t *response) {
    ++requests;
    Message request = detail::messageFromPdu(pdu);
    const PeerInfo peer = peerOf(session);
    // One transfer = one peer, method and target: the key leaves out what changes per block.
    Message target = request;
    for (const quint16 n : {option::kBlock1, option::kBlock2, option::kSize1, option::kSize2,
                            option::kContentFormat}) {
        target.removeOptions(n);
    }
    target.payload.clear();
    target.token.clear();
    target.messageId = 0;
    target.type = Type::Confirmable;
    const QString key =
        peerText(peer) + QLatin1Char('|') + QString::fromLatin1(target.encode().toHex());
    std::optional<Block> block1Echo;
    Message reply;
    if (request.option(option::kBlock1)) {
        const auto step = block1.add(key, request);
        if (step.kind != Block1Assembler::Step::Kind::Complete) {
            reply.code = step.kind == Block1Assembler::Step::Kind::Continue ? kContinue : step.code;
            if (step.kind == Block1Assembler::Step::Kind::Continue) {
                reply.setBlock(option::kBlock1, step.echo);
            } else {
                if (step.sizeLimit > 0) {
                    reply.addUintOption(option::kSize1, step.sizeLimit);
                }
                reply.payload = step.reason.toUtf8(); // diagnostic payload (RFC 7252 5.5.2)
            }
            detail::fillPdu(response, reply);
            return;
        }
        request = step.request;
        block1Echo = step.echo;
    }
    const auto wanted = request.block(option::kBlock2);
    std::optional<Message> cached;
    if (wanted && wanted->num > 0) {
        cached = block2.cachedBlock(key, *wanted);
    }
    if (cached) {
        reply = *cached;
    } else if (wanted && wanted->num > 0 && request.code != kGet) {
        // A later block of a response to a non-idempotent request: only the cache may serve it.
        reply.code = code(4, 8);
        reply.payload = QByteArrayLiteral("no block-wise response in progress for this request");
    } else {
        Message whole = request;
        whole.removeOptions(option::kBlock2);
        reply = block2.blockOf(key, handler(whole, peer), wanted);
    }
    if (block1Echo) {
        reply.setBlock(option::kBlock1, *block1Echo);
    }
    // The header and token libcoap writes are at most 12 octets.
    if (reply.encode().size() + 12 > static_cast<qsizetype>(coap_session_max_pdu_size(session))) {
        reply = Message();
        reply.code = code(5, 0);
        reply.payload = QByteArrayLiteral("the response does not fit one datagram");
    }
    detail::fillPdu(response, reply);
}

const coap_bin_const_t *Server::Impl::identity(const coap_bin_const_t *id,
                                               coap_session_t *session) {
    const QByteArray offered(reinterpret_cast<const char *>(id->s),
                             static_cast<qsizetype>(id->length));
    if (!cipherApplied) {
        applyCiphers(session); // for every later handshake
    }
    if (offered == kProbeIdentity) {
        return nullptr; // our own probe (see probeCiphers)
    }
    const PeerInfo peer = peerOf(session);
    tls::PskLookup lookup;
    if (offered.size() > tls::kMaxPskIdentityLength) {
        lookup.reason = QStringLiteral("identity of %1 octets exceeds %2")
                            .arg(offered.size())
                            .arg(tls::kMaxPskIdentityLength);
    } else if (psk && psk->resolve) {
        lookup = psk->resolve(offered);
    }
    if (lookup.key.isEmpty()) {
        emit q->securityEvent(
            QStringLiteral("DTLS from %1: PSK identity '%2' refused: %3")
                .arg(peerText(peer), tls::printableIdentity(offered),
                     lookup.reason.isEmpty() ? QStringLiteral("no key") : lookup.reason));
        return nullptr;
    }
    currentKey = std::move(lookup.key);
    keyView = coap_bin_const_t{currentKey.size(), currentKey.data()};
    return &keyView;
}

void Server::Impl::applyCiphers(coap_session_t *session) {
    // libcoap has no cipher setting for PSK and no hook before its context's first handshake:
    // the first PSK lookup reaches the SSL_CTX and sets the PIXIT list, with the server's order
    // first, for every handshake after it (probeCiphers makes that first one our own).
    coap_tls_library_t library = COAP_TLS_LIBRARY_NOTLS;
    auto *ssl = static_cast<SSL *>(coap_session_get_tls(session, &library));
    if (!ssl || library != COAP_TLS_LIBRARY_OPENSSL || cipherList.isEmpty() || cipherApplied) {
        return;
    }
    cipherApplied = true;
    SSL_CTX *ctx = SSL_get_SSL_CTX(ssl);
    SSL_CTX_set_cipher_list(ctx, cipherList.constData());
    SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
}

void Server::Impl::probeCiphers(const QHostAddress &address, quint16 port) {
    coap_address_t a;
    coap_context_t *probe = coap_new_context(nullptr);
    if (!probe || !detail::toCoapAddress(address.isEqual(QHostAddress::AnyIPv4) ||
                                                 address.isEqual(QHostAddress::Any)
                                             ? QHostAddress(QHostAddress::LocalHost)
                                             : address,
                                         port, &a)) {
        coap_free_context(probe);
        return;
    }
    coap_dtls_cpsk_t setup{};
    setup.version = COAP_DTLS_CPSK_SETUP_VERSION;
    setup.psk_info.identity =
        coap_bin_const_t{static_cast<size_t>(kProbeIdentity.size()),
                         reinterpret_cast<const uint8_t *>(kProbeIdentity.constData())};
    setup.psk_info.key = sniInfo.key;
    probing = true;
    coap_session_t *s = coap_new_client_session_psk2(probe, nullptr, &a, COAP_PROTO_DTLS, &setup);
    // Both ends live on this thread: turn both loops by hand, briefly (bounded to ~500 ms).
    for (int i = 0; s && !cipherApplied && i < 500; ++i) {
        coap_io_process(probe, COAP_IO_NO_WAIT);
        coap_io_process(loop.context(), COAP_IO_NO_WAIT);
        QThread::usleep(1000);
    }
    if (s) {
        coap_session_release(s);
    }
    coap_free_context(probe);
    // The server's side of the refused probe reports its error on the next turns of the loop.
    QTimer::singleShot(1000, loop.context() ? &loop : nullptr, [this] { probing = false; });
}

void Server::Impl::event(coap_session_t *session, coap_event_t event) {
    if (event == COAP_EVENT_DTLS_CONNECTED) {
        const PeerInfo peer = peerOf(session);
        if (auto line = detail::dtlsKeyLogLine(session); line && psk && psk->keyLogTrace) {
            psk->keyLogTrace->append(trace::keyLogEvent(*line, psk->lifeline));
        }
        emit q->securityEvent(
            QStringLiteral("DTLS with %1: PSK identity '%2', %3")
                .arg(peerText(peer), tls::printableIdentity(peer.pskIdentity), peer.cipher));
    } else if (event == COAP_EVENT_DTLS_ERROR && !probing) {
        emit q->securityEvent(QStringLiteral("DTLS with %1 failed").arg(peerText(peerOf(session))));
    }
}

Server::Server(Handler handler, ServerLimits limits, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(this, std::move(handler), limits)) {}

Server::~Server() = default;

Result<void> Server::setPsk(ServerPsk psk) {
    SSL_CTX *probe = SSL_CTX_new(DTLS_server_method());
    const bool ok = probe && SSL_CTX_set_cipher_list(probe, psk.cipherList.toLatin1().constData());
    SSL_CTX_free(probe);
    if (!ok) {
        return fail(Error::Kind::Config,
                    QStringLiteral("DTLS cipher list '%1' names no suite OpenSSL knows")
                        .arg(psk.cipherList));
    }
    d->cipherList = psk.cipherList.toLatin1();
    d->psk = std::move(psk);
    d->placeholder = SecureBytes(32);
    RAND_bytes(d->placeholder.data(), 32);
    d->sniInfo.key = coap_bin_const_t{d->placeholder.size(), d->placeholder.data()};
    coap_dtls_spsk_t setup{};
    setup.version = COAP_DTLS_SPSK_SETUP_VERSION;
    setup.validate_id_call_back = onIdentity;
    setup.id_call_back_arg = d.get();
    setup.psk_info.key = d->sniInfo.key;
    if (!coap_context_set_psk2(d->loop.context(), &setup)) {
        return fail(Error::Kind::Crypto, QStringLiteral("libcoap refused the DTLS-PSK setup"));
    }
    return {};
}

namespace {

Result<quint16> openEndpoint(coap_context_t *ctx, const QHostAddress &address, quint16 port,
                             coap_proto_t proto) {
    coap_address_t a;
    const QString scheme =
        proto == COAP_PROTO_DTLS ? QStringLiteral("coaps") : QStringLiteral("coap");
    if (!ctx || !detail::toCoapAddress(address, port, &a)) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("%1 needs a numeric address, not '%2'").arg(scheme, address.toString()));
    }
    coap_endpoint_t *ep = coap_new_endpoint(ctx, &a, proto);
    if (!ep) {
        return fail(Error::Kind::Io, QStringLiteral("cannot listen on %1://%2:%3 (port in use?)")
                                         .arg(scheme, address.toString())
                                         .arg(port));
    }
    return detail::boundPort(ep);
}

} // namespace

Result<quint16> Server::listen(const QHostAddress &address, quint16 port) {
    d->addResources();
    auto bound = openEndpoint(d->loop.context(), address, port, COAP_PROTO_UDP);
    d->loop.kick();
    return bound;
}

Result<quint16> Server::listenSecure(const QHostAddress &address, quint16 port) {
    if (!d->psk) {
        return fail(Error::Kind::Config, QStringLiteral("coaps needs a PSK setup (setPsk) first"));
    }
    d->addResources();
    auto bound = openEndpoint(d->loop.context(), address, port, COAP_PROTO_DTLS);
    if (bound && !d->cipherApplied) {
        d->probeCiphers(address, *bound);
    }
    d->loop.kick();
    return bound;
}

quint64 Server::requestCount() const {
    return d->requests;
}

int Server::blockTransfers() const {
    return d->block1.transfers() + d->block2.transfers();
}

} // namespace m2mbench::coap
