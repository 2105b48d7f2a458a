// SPDX-License-Identifier: Apache-2.0
#include "core/trace/pcapng_reader.h"

#include <QFile>

#include <limits>

namespace m2mbench::trace {

namespace {

constexpr quint32 kSectionHeaderBlock = 0x0A0D0D0A;
constexpr quint32 kInterfaceDescriptionBlock = 1;
constexpr quint32 kSimplePacketBlock = 3;
constexpr quint32 kEnhancedPacketBlock = 6;
constexpr quint32 kDecryptionSecretsBlock = 0x0A;
constexpr qsizetype kMaxFile = qsizetype(1) << 31;

/// Reads integers in the byte order of the current section.
class Cursor {
public:
    Cursor(const QByteArray &data, bool bigEndian)
        : m_data(data)
        , m_big(bigEndian) {}

    [[nodiscard]] quint32 u32(qsizetype at) const {
        quint32 v = 0;
        for (int i = 0; i < 4; ++i) {
            const auto b = static_cast<quint8>(m_data.at(at + i));
            v |= m_big ? quint32(b) << (8 * (3 - i)) : quint32(b) << (8 * i);
        }
        return v;
    }
    [[nodiscard]] quint16 u16(qsizetype at) const {
        const auto a = static_cast<quint8>(m_data.at(at));
        const auto b = static_cast<quint8>(m_data.at(at + 1));
        return m_big ? quint16((a << 8) | b) : quint16((b << 8) | a);
    }

private:
    const QByteArray &m_data;
    bool m_big;
};

/// Walks the options from `from` to `end`; calls `fn(code, value)` for each.
template<typename Fn>
void forEachOption(const QByteArray &data, const Cursor &c, qsizetype from, qsizetype end, Fn fn) {
    qsizetype at = from;
    while (at + 4 <= end) {
        const quint16 code = c.u16(at);
        const quint16 len = c.u16(at + 2);
        if (code == 0 || at + 4 + len > end) {
            return;
        }
        fn(code, data.mid(at + 4, len));
        at += 4 + ((len + 3) & ~3);
    }
}

Result<void> parseInterface(const QByteArray &data, const Cursor &c, qsizetype body, qsizetype end,
                            PcapngContents &out) {
    if (end - body < 8) {
        return fail(Error::Kind::Parse, QStringLiteral("pcapng: short interface block"));
    }
    out.linkTypes.append(c.u16(body));
    QString name;
    qint64 resolution = 1000; // microseconds unless if_tsresol says otherwise
    forEachOption(data, c, body + 8, end, [&](quint16 code, const QByteArray &v) {
        if (code == 2) {
            name = QString::fromUtf8(v);
        } else if (code == 9 && v.size() == 1) {
            const auto r = static_cast<quint8>(v.at(0));
            resolution = (r & 0x80) || r > 9 ? 1 : [r] {
                qint64 ns = 1'000'000'000;
                for (int i = 0; i < r; ++i) {
                    ns /= 10;
                }
                return ns;
            }();
        }
    });
    out.interfaceNames.append(name);
    out.tsResolutionNs.append(resolution);
    return {};
}

Result<void> parsePacket(const QByteArray &data, const Cursor &c, qsizetype body, qsizetype end,
                         PcapngContents &out) {
    if (end - body < 20) {
        return fail(Error::Kind::Parse, QStringLiteral("pcapng: short packet block"));
    }
    PcapngPacket p;
    p.interfaceId = c.u32(body);
    const quint64 ticks = (quint64(c.u32(body + 4)) << 32) | c.u32(body + 8);
    const quint32 captured = c.u32(body + 12);
    p.originalLength = c.u32(body + 16);
    if (captured > end - body - 20 || p.interfaceId >= quint32(out.linkTypes.size())) {
        return fail(Error::Kind::Parse, QStringLiteral("pcapng: packet overruns its block"));
    }
    // A hostile or corrupt timestamp must not overflow (found by fuzz_pcapng_reader).
    if (ticks > quint64(std::numeric_limits<qint64>::max()) ||
        __builtin_mul_overflow(static_cast<qint64>(ticks),
                               out.tsResolutionNs.at(int(p.interfaceId)), &p.timestampNs)) {
        return fail(
            Error::Kind::Parse,
            QStringLiteral("pcapng: packet timestamp beyond the year 2262 (%1 ticks)").arg(ticks));
    }
    p.data = data.mid(body + 20, captured);
    forEachOption(data, c, body + 20 + ((captured + 3) & ~3u), end,
                  [&](quint16 code, const QByteArray &v) {
                      if (code == 1) {
                          p.comment = QString::fromUtf8(v);
                      }
                  });
    out.packets.append(p);
    return {};
}

} // namespace

Result<PcapngContents> parsePcapng(const QByteArray &data) {
    PcapngContents out;
    bool big = false;
    qsizetype at = 0;
    while (at < data.size()) {
        if (data.size() - at < 12) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("pcapng: truncated block at %1").arg(at));
        }
        if (Cursor(data, false).u32(at) == kSectionHeaderBlock) {
            const quint32 magic = Cursor(data, false).u32(at + 8);
            big = magic == 0x4D3C2B1A;
            if (!big && magic != 0x1A2B3C4D) {
                return fail(Error::Kind::Parse, QStringLiteral("pcapng: bad byte-order magic"));
            }
        }
        const Cursor c(data, big);
        const quint32 type = c.u32(at);
        const quint32 length = c.u32(at + 4);
        if (length < 12 || length % 4 != 0 || length > data.size() - at) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("pcapng: bad block length %1 at %2").arg(length).arg(at));
        }
        const qsizetype body = at + 8;
        const qsizetype end = at + length - 4;
        Result<void> ok;
        if (type == kSectionHeaderBlock) {
            forEachOption(data, c, body + 16, end, [&](quint16 code, const QByteArray &v) {
                if (code == 4) {
                    out.application = QString::fromUtf8(v);
                }
            });
        } else if (type == kInterfaceDescriptionBlock) {
            ok = parseInterface(data, c, body, end, out);
        } else if (type == kEnhancedPacketBlock) {
            ok = parsePacket(data, c, body, end, out);
        } else if (type == kSimplePacketBlock && !out.linkTypes.isEmpty() && end - body >= 4) {
            out.packets.append({0, 0, data.mid(body + 4, end - body - 4), c.u32(body), {}});
        } else if (type == kDecryptionSecretsBlock && end - body >= 8) {
            const quint32 len = c.u32(body + 4);
            if (len > end - body - 8) {
                return fail(Error::Kind::Parse, QStringLiteral("pcapng: secrets overrun"));
            }
            out.secrets.append({c.u32(body), data.mid(body + 8, len), out.packets.size()});
        }
        if (!ok) {
            return fail(ok.error().wrap(QStringLiteral("block at offset %1").arg(at)));
        }
        at += length;
    }
    return out;
}

Result<PcapngContents> readPcapng(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    }
    if (f.size() > kMaxFile) {
        return fail(Error::Kind::Io, QStringLiteral("%1 is larger than 2 GiB").arg(path));
    }
    auto parsed = parsePcapng(f.readAll());
    if (!parsed) {
        return fail(parsed.error().wrap(path));
    }
    return parsed;
}

} // namespace m2mbench::trace
