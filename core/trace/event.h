// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/secure_bytes.h"
#include "core/trace/verdict.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace m2mbench::trace {

/// One node of a decoded message tree (an HTTP header, a PANA AVP, an XML element, ...).
/// `offset`/`length` locate the field in the event's raw bytes when known (-1 otherwise),
/// so that an inspector can highlight it.
struct Field {
    QString name;
    QString value;
    qint32 offset = -1;
    qint32 length = -1;
    QList<Field> children;

    Field() = default;
    Field(QString n, QString v, qint32 off = -1, qint32 len = -1)
        : name(std::move(n))
        , value(std::move(v))
        , offset(off)
        , length(len) {}
};

/// One input of a key derivation, by name. Secret inputs are masked wherever the user has not
/// asked to see keys.
struct DerivationInput {
    QString name;
    SecureBytes value;
    bool secret = false;
    /// The value is printable text (an identifier, a label) and may be shown as such.
    bool text = false;
};

/// How one key came to be: formula, inputs, output and the keys it came from. Records form a
/// tree through `parents` (EMSK -> Kmr -> Kmc -> Kma; Kar -> Kas(n) -> kAs(i)).
struct KeyDerivation {
    QString id;        ///< unique within a run, e.g. "Kmr[0a1b...:1]"
    QString name;      ///< the key's name, e.g. "Kmr"
    QString formulaId; ///< e.g. "m2m_kdf", "ks_ext_naf"
    QString formula;   ///< human-readable formula as in the profile
    QString label;
    QList<DerivationInput> inputs;
    SecureBytes output;
    bool outputSecret = true;
    QStringList parents; ///< ids of the records whose outputs were inputs here
};

enum class EventKind {
    MessageSent,      ///< the bench sent a message to a peer
    MessageReceived,  ///< the bench received a message from a peer
    Check,            ///< a check judged something (verdict + reason)
    Log,              ///< a log line from a script, a node or the runner
    KeyDerivation,    ///< a key was derived (see `derivation`)
    TestCaseStarted,  ///< a test case began (testCaseId, summary = title)
    TestCaseFinished, ///< a test case ended with its final verdict (text = reason)
};

QString eventKindName(EventKind kind);

/// One entry of a run's trace. Append-only: once appended an event never changes.
struct Event {
    quint64 seq = 0; ///< assigned by Trace::append, 1-based, dense
    EventKind kind = EventKind::Log;
    qint64 timeNs = 0; ///< monotonic, relative to the trace's start; set by append when 0
    QDateTime wallTime;
    QString testCaseId;
    QString phase; ///< "preamble", "body", "postamble" or empty

    // Messages
    QString from;     ///< lifeline name of the sender
    QString to;       ///< lifeline name of the receiver
    QString protocol; ///< outermost decoded protocol: "HTTP", "CoAP", "PANA", ...
    QString summary;  ///< one line, as in Wireshark's Info column
    QList<Field> fields;
    QByteArray raw;
    quint64 relatesTo = 0; ///< a response's request, a check's message (0 = none)
    qint64 frame = -1;     ///< frame number in the run's capture, when known
    /// The secured channel the message travelled inside ("TLS-PSK", "DTLS-PSK"): `raw` is the
    /// decrypted message, not what crossed the wire. Empty: sent in the clear, as recorded.
    QString channel;

    // Checks, verdicts and logs
    Verdict verdict = Verdict::None;
    QString text;

    std::shared_ptr<const KeyDerivation> derivation;

    [[nodiscard]] bool isMessage() const {
        return kind == EventKind::MessageSent || kind == EventKind::MessageReceived;
    }

    /// A log line from `source` (a node, the runner, a script).
    static Event log(const QString &source, const QString &text) {
        Event e;
        e.kind = EventKind::Log;
        e.from = source;
        e.summary = text;
        e.text = text;
        return e;
    }
};

} // namespace m2mbench::trace
