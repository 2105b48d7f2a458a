// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/eap/eap_tls_frag.h"

#include "core/protocol/eap/tls_records.h"
#include "core/protocol/eap/wire.h"

#include <QStringList>

namespace m2mbench::eap {

QByteArray TlsFrame::encode() const {
    QByteArray out;
    out.reserve(5 + data.size());
    quint8 f = flags;
    if (messageLength) {
        f |= TlsFlag::Length;
    } else {
        f &= ~TlsFlag::Length;
    }
    wire::putU8(out, f);
    if (messageLength) {
        wire::putU32(out, *messageLength);
    }
    out.append(data);
    return out;
}

Result<TlsFrame> parseTlsFrame(const QByteArray &typeData) {
    if (typeData.isEmpty()) {
        return fail(Error::Kind::Parse, QStringLiteral("EAP-TLS: no flags octet"));
    }
    TlsFrame frame;
    frame.flags = wire::u8(typeData, 0);
    qsizetype at = 1;
    if ((frame.flags & TlsFlag::Length) != 0) {
        if (typeData.size() < 5) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("EAP-TLS: L flag set but only %1 octet(s) follow the flags")
                            .arg(typeData.size() - 1));
        }
        frame.messageLength = wire::u32(typeData, 1);
        at = 5;
    }
    frame.data = typeData.mid(at);
    return frame;
}

QString summarizeTlsData(const QByteArray &typeData) {
    auto frame = parseTlsFrame(typeData);
    if (!frame) {
        return QStringLiteral("(malformed: %1)").arg(frame.error().message);
    }
    QStringList flags;
    if (frame->messageLength) {
        flags << QStringLiteral("L");
    }
    if (frame->more()) {
        flags << QStringLiteral("M");
    }
    if (frame->start()) {
        flags << QStringLiteral("S");
    }
    if (frame->isAck()) {
        return QStringLiteral("(ACK)");
    }
    QString line;
    if (!flags.isEmpty()) {
        line = QStringLiteral("[%1] ").arg(flags.join(QLatin1Char(',')));
    }
    if (frame->start() && frame->data.isEmpty()) {
        return line + QStringLiteral("start");
    }
    line += QStringLiteral("%1").arg(frame->data.size());
    if (frame->messageLength && *frame->messageLength != static_cast<quint32>(frame->data.size())) {
        line += QStringLiteral(" of %1").arg(*frame->messageLength);
    }
    line += QStringLiteral(" octets");
    const QString records = summarizeTlsRecords(frame->data);
    if (!records.isEmpty()) {
        line += QStringLiteral(": ") + records;
    }
    return line;
}

Result<TlsReassembler::State> TlsReassembler::add(const TlsFrame &frame) {
    auto bad = [this](const QString &why) {
        reset();
        return fail(Error::Kind::Parse, QStringLiteral("EAP-TLS reassembly: ") + why);
    };
    if (m_state == State::Complete) {
        return bad(QStringLiteral("a fragment arrived after the message was complete"));
    }
    if (m_state == State::Empty && frame.messageLength) {
        if (*frame.messageLength > static_cast<quint64>(m_max)) {
            return bad(QStringLiteral("TLS Message Length %1 exceeds the limit of %2 octets")
                           .arg(*frame.messageLength)
                           .arg(m_max));
        }
        m_expected = frame.messageLength;
    }
    if (m_buffer.size() + frame.data.size() > m_max) {
        return bad(QStringLiteral("more than %1 octets of TLS data").arg(m_max));
    }
    m_buffer.append(frame.data);
    if (m_expected && static_cast<quint64>(m_buffer.size()) > *m_expected) {
        return bad(QStringLiteral("%1 octets received, more than the announced %2")
                       .arg(m_buffer.size())
                       .arg(*m_expected));
    }
    if (frame.more()) {
        if (frame.data.isEmpty()) {
            return bad(QStringLiteral("an empty fragment with the M flag"));
        }
        m_state = State::Partial;
        return m_state;
    }
    if (m_expected && static_cast<quint64>(m_buffer.size()) != *m_expected) {
        return bad(QStringLiteral("the last fragment ends at %1 octets, not the announced %2")
                       .arg(m_buffer.size())
                       .arg(*m_expected));
    }
    m_state = State::Complete;
    return m_state;
}

QByteArray TlsReassembler::take() {
    QByteArray out = std::move(m_buffer);
    reset();
    return out;
}

void TlsReassembler::reset() {
    m_state = State::Empty;
    m_expected.reset();
    m_buffer.clear();
}

TlsFragmenter::TlsFragmenter(QByteArray message, int fragmentSize, bool alwaysLength)
    : m_message(std::move(message))
    , m_fragmentSize(std::max(fragmentSize, 16))
    , m_alwaysLength(alwaysLength) {}

TlsFrame TlsFragmenter::next() {
    TlsFrame frame;
    const bool first = m_pos == 0;
    const bool fragmented = m_message.size() > m_fragmentSize;
    if (first && (fragmented || m_alwaysLength)) {
        frame.messageLength = static_cast<quint32>(m_message.size());
    }
    frame.data = m_message.mid(m_pos, m_fragmentSize);
    m_pos += frame.data.size();
    if (m_pos < m_message.size()) {
        frame.flags |= TlsFlag::More;
    }
    return frame;
}

} // namespace m2mbench::eap
