// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_node.h"

#include "core/common/logging.h"

namespace m2mbench::nodes {

NsclNode::NsclNode(NsclConfig config, http::BindingProfile binding, QObject *parent)
    : QObject(parent)
    , m_service(std::move(config))
    , m_binding(std::move(binding))
    , m_http([this](const http::Request &req, const http::PeerInfo &) { return handleHttp(req); },
             this) {}

NsclNode::~NsclNode() = default;

Result<quint16> NsclNode::listenHttp(const QHostAddress &address, quint16 port) {
    return m_http.listen(address, port);
}

http::Response NsclNode::handleHttp(const http::Request &request) {
    m_requests.fetchAndAddRelaxed(1);
    http::Response rsp;
    auto primitive = http::fromHttpRequest(request);
    if (!primitive) {
        const bool unknownMethod = primitive.error().message.startsWith(QLatin1String("method"));
        rsp = http::toHttpResponse(errorResponse(unknownMethod ? mid::StatusCode::MethodNotAllowed
                                                               : mid::StatusCode::BadRequest,
                                                 primitive.error().message),
                                   m_binding);
    } else {
        rsp = http::toHttpResponse(m_service.handle(*primitive), m_binding);
    }
    const QString line =
        QStringLiteral("%1 %2 -> %3")
            .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.target))
            .arg(rsp.status);
    qCDebug(lcNodes).noquote() << "NSCL:" << line;
    emit requestLogged(line);
    if (m_security) {
        m_security->observePlain(request, rsp);
    }
    return rsp;
}

Result<NsclSecurity *> NsclNode::enableSecurity(NsclSecurityConfig config) {
    if (m_security) {
        return fail(Error::Kind::Internal, QStringLiteral("the NSCL's security is already on"));
    }
    auto *security = new NsclSecurity(*this, std::move(config), this);
    if (auto ok = security->init(); !ok) {
        delete security;
        return fail(ok.error());
    }
    m_security = security;
    return security;
}

void NsclNode::countRequest(const QString &line) {
    m_requests.fetchAndAddRelaxed(1);
    qCDebug(lcNodes).noquote() << "NSCL:" << line;
    emit requestLogged(line);
}

} // namespace m2mbench::nodes
