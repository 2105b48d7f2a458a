// SPDX-License-Identifier: Apache-2.0
#pragma once

// The EAP authenticator behind the MSBF's PAA for one session: the bench's own EAP-TLS server,
// or a pass-through to an external AAA server over RADIUS (RFC 3579), which returns only the MSK.

#include "core/protocol/eap/eap_server.h"
#include "core/protocol/eap/eap_tls.h"
#include "core/protocol/radius/radius_client.h"

#include <QPointer>

#include <functional>
#include <memory>

namespace m2mbench::nodes {

/// How one EAP run ended.
struct EapVerdict {
    bool success = false;
    QByteArray finalPacket; ///< the EAP-Success or EAP-Failure to send
    SecureBytes msk;
    SecureBytes emsk; ///< empty through RADIUS
    QString identity;
    QString reason;
    const eap::TlsConnection *tls = nullptr; ///< local server only; valid while the backend lives
    QString tlsVersion;
    std::optional<crypto::CertificateInfo> peerCertificate; ///< local server only
};

class EapBackend {
public:
    struct Callbacks {
        std::function<void(const QByteArray &eap)> sendEap;
        std::function<void(const EapVerdict &verdict)> finished;
        std::function<void(const QString &note)> note;
        /// Called with the peer's identity before the method starts; an error refuses it.
        std::function<Result<void>(const QString &identity)> checkIdentity;
    };

    virtual ~EapBackend() = default;
    virtual void start() = 0;
    virtual void onResponse(const QByteArray &eap) = 0;
    [[nodiscard]] virtual QString description() const = 0;
};

/// The bench's own EAP-TLS server.
class LocalEapBackend final : public EapBackend {
public:
    LocalEapBackend(std::shared_ptr<eap::TlsContext> tls, eap::EapTlsOptions options,
                    Callbacks callbacks);
    void start() override;
    void onResponse(const QByteArray &eap) override;
    [[nodiscard]] QString description() const override {
        return QStringLiteral("local EAP-TLS server");
    }

private:
    void handle(const eap::EapServer::Output &out);

    std::shared_ptr<eap::TlsContext> m_tls;
    eap::EapTlsOptions m_options;
    Callbacks m_callbacks;
    eap::EapServer m_server;
};

/// Pass-through: EAP between PaC and an AAA server, the MSBF a RADIUS NAS in between. The MSBF
/// asks for the identity itself and forwards everything after it.
class RadiusEapBackend final : public EapBackend {
public:
    struct Nas {
        QString nasIdentifier = QStringLiteral("m2mbench-msbf");
        QString callingStationId; ///< the PaC's address
        int framedMtu = 1100;
    };

    RadiusEapBackend(radius::Client *client, Nas nas, Callbacks callbacks);
    void start() override;
    void onResponse(const QByteArray &eap) override;
    [[nodiscard]] QString description() const override;

private:
    void onReply(Result<radius::Reply> reply);
    void finish(bool success, QByteArray finalPacket, SecureBytes msk, const QString &reason);

    QPointer<radius::Client> m_client;
    Nas m_nas;
    Callbacks m_callbacks;
    quint8 m_lastId = 0;
    QString m_identity;
    QByteArray m_state;
    bool m_done = false;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace m2mbench::nodes
