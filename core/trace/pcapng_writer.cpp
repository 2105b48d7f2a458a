// SPDX-License-Identifier: Apache-2.0
#include "core/trace/pcapng_writer.h"

#include <QSysInfo>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace m2mbench::trace {

namespace {

constexpr quint32 kSectionHeaderBlock = 0x0A0D0D0A;
constexpr quint32 kInterfaceDescriptionBlock = 0x00000001;
constexpr quint32 kEnhancedPacketBlock = 0x00000006;
constexpr quint32 kDecryptionSecretsBlock = 0x0000000A;

constexpr quint16 kOptEndOfOpt = 0;
constexpr quint16 kOptComment = 1;
constexpr quint16 kShbOs = 3;
constexpr quint16 kShbUserAppl = 4;
constexpr quint16 kIfName = 2;
constexpr quint16 kIfDescription = 3;
constexpr quint16 kIfTsResol = 9;
constexpr quint16 kIfFilter = 11;
constexpr quint16 kEpbFlags = 2;

// Options and packet data are limited to what a 16-bit option length and a sane block can hold;
// longer text is cut rather than refused, since it is only ever a description.
constexpr int kMaxOptionLength = 0xfff0;

void putU16(QByteArray &out, quint16 v) {
    out.append(static_cast<char>(v & 0xff));
    out.append(static_cast<char>(v >> 8));
}

void putU32(QByteArray &out, quint32 v) {
    for (int i = 0; i < 4; ++i) {
        out.append(static_cast<char>((v >> (8 * i)) & 0xff));
    }
}

void pad4(QByteArray &out) {
    while (out.size() % 4 != 0) {
        out.append('\0');
    }
}

void putOption(QByteArray &out, quint16 code, const QByteArray &value) {
    const QByteArray v = value.left(kMaxOptionLength);
    putU16(out, code);
    putU16(out, static_cast<quint16>(v.size()));
    out.append(v);
    pad4(out);
}

void endOptions(QByteArray &out, bool any) {
    if (any) {
        putU16(out, kOptEndOfOpt);
        putU16(out, 0);
    }
}

Result<std::FILE *> openFile(const QString &path, bool privateFile) {
    const QByteArray native = path.toLocal8Bit();
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                          privateFile ? 0600 : 0644);
    if (fd < 0) {
        return fail(Error::Kind::Io, QStringLiteral("cannot create %1: %2")
                                         .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (privateFile) {
        ::fchmod(fd, 0600); // an existing file keeps its mode on O_CREAT: tighten it
    }
    std::FILE *file = ::fdopen(fd, "wb");
    if (!file) {
        ::close(fd);
        return fail(Error::Kind::Io, QStringLiteral("cannot open %1 for writing").arg(path));
    }
    return file;
}

} // namespace

PcapngWriter::PcapngWriter(std::FILE *file, QString path)
    : m_file(file)
    , m_path(std::move(path)) {}

PcapngWriter::~PcapngWriter() {
    if (m_file) {
        std::fclose(m_file);
    }
}

Result<std::unique_ptr<PcapngWriter>>
PcapngWriter::create(const QString &path, const QString &application, bool privateFile) {
    auto file = openFile(path, privateFile);
    if (!file) {
        return fail(file.error());
    }
    std::unique_ptr<PcapngWriter> writer(new PcapngWriter(*file, path));
    QByteArray body;
    putU32(body, 0x1A2B3C4D); // byte-order magic, written in our (little-endian) order
    putU16(body, 1);
    putU16(body, 0);
    putU32(body, 0xffffffff); // section length unknown (-1, 64 bits)
    putU32(body, 0xffffffff);
    putOption(body, kShbOs, QSysInfo::prettyProductName().toUtf8());
    putOption(body, kShbUserAppl, application.toUtf8());
    endOptions(body, true);
    if (auto ok = writer->writeBlock(kSectionHeaderBlock, body); !ok) {
        return fail(ok.error());
    }
    return writer;
}

Result<quint32> PcapngWriter::addInterface(const PcapngInterface &iface) {
    QByteArray body;
    putU16(body, iface.linkType);
    putU16(body, 0);
    putU32(body, iface.snapLen);
    if (!iface.name.isEmpty()) {
        putOption(body, kIfName, iface.name.toUtf8());
    }
    if (!iface.description.isEmpty()) {
        putOption(body, kIfDescription, iface.description.toUtf8());
    }
    putOption(body, kIfTsResol, QByteArray(1, '\x09'));
    if (!iface.filter.isEmpty()) {
        putOption(body, kIfFilter, QByteArray(1, '\0') + iface.filter.toUtf8());
    }
    endOptions(body, true);
    if (auto ok = writeBlock(kInterfaceDescriptionBlock, body); !ok) {
        return fail(ok.error());
    }
    return m_interfaces++;
}

Result<void> PcapngWriter::writePacket(quint32 interfaceId, qint64 timestampNs,
                                       const QByteArray &data, quint32 originalLength,
                                       const QString &comment, PacketDirection direction) {
    if (interfaceId >= m_interfaces) {
        return fail(Error::Kind::Internal,
                    QStringLiteral("pcapng: packet for undeclared interface %1").arg(interfaceId));
    }
    const auto ts = static_cast<quint64>(std::max<qint64>(timestampNs, 0));
    QByteArray body;
    body.reserve(data.size() + 64);
    putU32(body, interfaceId);
    putU32(body, static_cast<quint32>(ts >> 32));
    putU32(body, static_cast<quint32>(ts & 0xffffffffu));
    putU32(body, static_cast<quint32>(data.size()));
    putU32(body, originalLength ? originalLength : static_cast<quint32>(data.size()));
    body.append(data);
    pad4(body);
    const bool options = !comment.isEmpty() || direction != PacketDirection::Unknown;
    if (!comment.isEmpty()) {
        putOption(body, kOptComment, comment.toUtf8());
    }
    if (direction != PacketDirection::Unknown) {
        QByteArray flags;
        putU32(flags, static_cast<quint32>(direction));
        putOption(body, kEpbFlags, flags);
    }
    endOptions(body, options);
    if (auto ok = writeBlock(kEnhancedPacketBlock, body); !ok) {
        return ok;
    }
    ++m_packets;
    return {};
}

Result<void> PcapngWriter::writeDecryptionSecrets(quint32 secretsType, const QByteArray &secrets) {
    QByteArray body;
    putU32(body, secretsType);
    putU32(body, static_cast<quint32>(secrets.size()));
    body.append(secrets);
    pad4(body);
    return writeBlock(kDecryptionSecretsBlock, body);
}

Result<void> PcapngWriter::writeBlock(quint32 type, const QByteArray &body) {
    if (!m_file) {
        return fail(Error::Kind::Io, QStringLiteral("%1 is already closed").arg(m_path));
    }
    QByteArray block;
    const auto total = static_cast<quint32>(body.size() + 12);
    block.reserve(static_cast<qsizetype>(total));
    putU32(block, type);
    putU32(block, total);
    block.append(body);
    putU32(block, total);
    if (std::fwrite(block.constData(), 1, static_cast<size_t>(block.size()), m_file) !=
        static_cast<size_t>(block.size())) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2")
                        .arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    return {};
}

Result<void> PcapngWriter::flush() {
    if (m_file && std::fflush(m_file) != 0) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2")
                        .arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    return {};
}

Result<void> PcapngWriter::close() {
    if (!m_file) {
        return {};
    }
    const int rc = std::fclose(m_file);
    m_file = nullptr;
    if (rc != 0) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot finish %1: %2")
                        .arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    return {};
}

} // namespace m2mbench::trace
