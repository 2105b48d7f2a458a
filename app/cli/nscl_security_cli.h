// SPDX-License-Identifier: Apache-2.0
#pragma once

// `serve nscl`'s secured front ends and keys (issue: service connection and secured mId):
// --https-psk, --connection, --coap, --coaps, --mas, --kmr, --kmc, --keylog.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"
#include "core/protocol/http/http_binding.h"

#include <QCommandLineParser>
#include <QStringList>

#include <memory>

namespace m2mbench::trace {
class Trace;
class KeyLogWriter;
} // namespace m2mbench::trace

namespace m2mbench::nodes {
class NsclNode;
}

namespace m2mbench::cli {

/// A key given on the command line: NODE-ID:INDEX:HEX[:SCL-ID].
struct GivenKey {
    QByteArray nodeId;
    quint32 index = 0;
    SecureBytes key;
    QString sclId; ///< empty: the profile's pattern
};
Result<GivenKey> parseGivenKey(const QString &text, const QString &option);

void addNsclSecurityOptions(QCommandLineParser &parser);
/// Whether any option of addNsclSecurityOptions (but the profile and ciphers) was given.
bool wantsNsclSecurity(const QCommandLineParser &parser);

/// What the secured front ends need to live as long as the node: the trace that takes their
/// secrets and connection events, and the key log written from it.
struct NsclSecurityCli {
    NsclSecurityCli();
    NsclSecurityCli(NsclSecurityCli &&) noexcept;
    NsclSecurityCli &operator=(NsclSecurityCli &&) noexcept;
    ~NsclSecurityCli();

    std::unique_ptr<trace::Trace> trace;
    std::unique_ptr<trace::KeyLogWriter> keyLog;
    QStringList lines; ///< what to print: one line per front end, notes
};

/// Turns on the node's security from the command line; errors name the option.
Result<NsclSecurityCli> startNsclSecurity(const QCommandLineParser &parser, nodes::NsclNode &node,
                                          const http::BindingProfile &binding);

} // namespace m2mbench::cli
