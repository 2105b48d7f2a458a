// SPDX-License-Identifier: Apache-2.0
#include "core/trace/bench_record.h"

namespace m2mbench::trace::record {

namespace {

constexpr int kHeaderLength = 8;
constexpr int kMaxValue = 0xffff;
constexpr int kMaxText = 4096; // characters: a record is an annotation, not a document

class Builder {
public:
    explicit Builder(Type type) {
        m_out.append(kMagic, 4);
        m_out.append(static_cast<char>(kVersion));
        m_out.append(static_cast<char>(type));
        m_out.append(2, '\0');
    }

    void bytes(quint16 tag, const QByteArray &value) {
        const QByteArray v = value.left(kMaxValue);
        putU16(m_out, tag);
        putU16(m_out, static_cast<quint16>(v.size()));
        m_out.append(v);
    }
    void text(quint16 tag, const QString &value) {
        if (!value.isEmpty()) {
            bytes(tag, value.left(kMaxText).toUtf8());
        }
    }
    void u8(quint16 tag, quint8 v) { bytes(tag, QByteArray(1, static_cast<char>(v))); }
    void u32(quint16 tag, quint32 v) { bytes(tag, number(v, 4)); }
    void u64(quint16 tag, quint64 v) { bytes(tag, number(v, 8)); }

    [[nodiscard]] const QByteArray &result() const { return m_out; }

    static void putU16(QByteArray &out, quint16 v) {
        out.append(static_cast<char>(v >> 8));
        out.append(static_cast<char>(v & 0xff));
    }
    static QByteArray number(quint64 v, int width) {
        QByteArray out(width, '\0');
        for (int i = 0; i < width; ++i) {
            out[width - 1 - i] = static_cast<char>((v >> (8 * i)) & 0xff);
        }
        return out;
    }

private:
    QByteArray m_out;
};

/// A nested INPUT / OUTPUT value: name, flags, length, and the value itself unless masked.
QByteArray keyValue(const QString &name, const SecureBytes &value, bool secret, bool isText,
                    bool showKeys) {
    const bool masked = secret && !showKeys;
    QByteArray nested;
    auto add = [&nested](quint16 t, const QByteArray &v) {
        Builder::putU16(nested, t);
        Builder::putU16(nested, static_cast<quint16>(std::min<qsizetype>(v.size(), kMaxValue)));
        nested.append(v.left(kMaxValue));
    };
    if (!name.isEmpty()) {
        add(tag::kName, name.toUtf8());
    }
    const quint8 flags =
        (secret ? kFlagSecret : 0) | (isText ? kFlagText : 0) | (masked ? kFlagMasked : 0);
    add(tag::kFlags, QByteArray(1, static_cast<char>(flags)));
    add(tag::kLength, Builder::number(value.size(), 4));
    if (!masked) {
        add(tag::kValue, value.exposeBytes());
    }
    return nested;
}

void addCommon(Builder &b, const Event &e) {
    b.u64(tag::kSeq, e.seq);
    b.u64(tag::kTimeNs, static_cast<quint64>(std::max<qint64>(e.timeNs, 0)));
    b.text(tag::kTestCase, e.testCaseId);
    b.text(tag::kPhase, e.phase);
}

QByteArray encodeKey(const Event &e, const Context &c) {
    Builder b(Type::Key);
    addCommon(b, e);
    b.text(tag::kSource, e.from);
    const KeyDerivation &d = *e.derivation;
    b.text(tag::kKeyId, d.id);
    b.text(tag::kKeyName, d.name);
    b.text(tag::kFormulaId, d.formulaId);
    b.text(tag::kFormula, d.formula);
    b.text(tag::kLabel, d.label);
    for (const DerivationInput &in : d.inputs) {
        b.bytes(tag::kInput, keyValue(in.name, in.value, in.secret, in.text, c.showKeys));
    }
    b.bytes(tag::kOutput, keyValue(d.name, d.output, d.outputSecret, false, c.showKeys));
    for (const QString &parent : d.parents) {
        b.text(tag::kParent, parent);
    }
    return b.result();
}

} // namespace

QString Decoded::text(quint16 t) const {
    for (const Tlv &tlv : tlvs) {
        if (tlv.tag == t) {
            return QString::fromUtf8(tlv.value);
        }
    }
    return QString();
}

std::optional<quint64> Decoded::number(quint16 t) const {
    for (const Tlv &tlv : tlvs) {
        if (tlv.tag == t && tlv.value.size() >= 1 && tlv.value.size() <= 8) {
            quint64 v = 0;
            for (const char c : tlv.value) {
                v = (v << 8) | static_cast<quint8>(c);
            }
            return v;
        }
    }
    return std::nullopt;
}

QList<QByteArray> Decoded::all(quint16 t) const {
    QList<QByteArray> out;
    for (const Tlv &tlv : tlvs) {
        if (tlv.tag == t) {
            out.append(tlv.value);
        }
    }
    return out;
}

Result<QList<Tlv>> decodeTlvs(const QByteArray &bytes) {
    QList<Tlv> out;
    qsizetype at = 0;
    while (at < bytes.size()) {
        if (bytes.size() - at < 4) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("etsim2m record: TLV header cut at offset %1").arg(at));
        }
        const auto *p = reinterpret_cast<const uchar *>(bytes.constData() + at);
        const quint16 t = static_cast<quint16>((p[0] << 8) | p[1]);
        const qsizetype len = (p[2] << 8) | p[3];
        if (len > bytes.size() - at - 4) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("etsim2m record: TLV %1 overruns the record").arg(t));
        }
        out.append({t, bytes.mid(at + 4, len)});
        at += 4 + len;
    }
    return out;
}

Result<Decoded> decode(const QByteArray &pdu) {
    if (pdu.size() < kHeaderLength || !pdu.startsWith(kMagic)) {
        return fail(Error::Kind::Parse, QStringLiteral("not an etsim2m record (no M2MB magic)"));
    }
    if (static_cast<quint8>(pdu.at(4)) != kVersion) {
        return fail(Error::Kind::Parse, QStringLiteral("etsim2m record version %1 is not 1")
                                            .arg(static_cast<quint8>(pdu.at(4))));
    }
    auto tlvs = decodeTlvs(pdu.mid(kHeaderLength));
    if (!tlvs) {
        return fail(tlvs.error());
    }
    return Decoded{static_cast<Type>(static_cast<quint8>(pdu.at(5))), *tlvs};
}

QByteArray encodeRun(const RunInfo &info) {
    Builder b(Type::Run);
    b.text(tag::kBench, info.bench);
    b.text(tag::kTarget, info.target);
    if (info.started.isValid()) {
        b.u64(tag::kStarted, static_cast<quint64>(info.started.toMSecsSinceEpoch()) * 1'000'000);
    }
    for (const QString &base : info.midBasePaths) {
        b.text(tag::kMidBase, base);
    }
    for (const CaptureEndpoint &e : info.endpoints) {
        b.text(tag::kEndpoint, QStringLiteral("%1 %2:%3/%4")
                                   .arg(e.scheme, e.address)
                                   .arg(e.port)
                                   .arg(transportName(e.transport)));
    }
    b.u8(tag::kKeysShown, info.keysShown ? 1 : 0);
    b.text(tag::kLiveCapture, info.liveCapture);
    if (info.runId > 0) {
        b.u64(tag::kRunId, static_cast<quint64>(info.runId));
    }
    return b.result();
}

QByteArray encodePhase(const QString &testCaseId, const QString &phase, qint64 timeNs) {
    Builder b(Type::Phase);
    b.u64(tag::kTimeNs, static_cast<quint64>(std::max<qint64>(timeNs, 0)));
    b.text(tag::kTestCase, testCaseId);
    b.text(tag::kPhase, phase);
    return b.result();
}

std::optional<QByteArray> encodeEvent(const Event &e, const Context &c) {
    switch (e.kind) {
    case EventKind::MessageSent:
    case EventKind::MessageReceived: return std::nullopt;
    case EventKind::KeyDerivation:
        if (e.derivation) {
            return encodeKey(e, c);
        }
        break;
    default: break;
    }
    const Type type = e.kind == EventKind::TestCaseStarted    ? Type::TestCaseStart
                      : e.kind == EventKind::TestCaseFinished ? Type::TestCaseEnd
                      : e.kind == EventKind::Check            ? Type::Check
                                                              : Type::Log;
    Builder b(type);
    addCommon(b, e);
    b.text(tag::kSource, e.from);
    if (type == Type::Check || type == Type::TestCaseEnd) {
        b.u8(tag::kVerdict, static_cast<quint8>(e.verdict));
    }
    b.text(tag::kSummary, e.summary);
    if (e.text != e.summary) {
        b.text(tag::kText, e.text);
    }
    if (e.relatesTo != 0) {
        b.u64(tag::kRelatesSeq, e.relatesTo);
        if (const qint64 f = c.frameOf ? c.frameOf(e.relatesTo) : -1; f > 0) {
            b.u32(tag::kRelatesFrame, static_cast<quint32>(f));
        }
        if (const qint64 f = c.liveFrameOf ? c.liveFrameOf(e.relatesTo) : -1; f > 0) {
            b.u32(tag::kRelatesLiveFrame, static_cast<quint32>(f));
        }
    }
    return b.result();
}

} // namespace m2mbench::trace::record
