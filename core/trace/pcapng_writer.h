// SPDX-License-Identifier: Apache-2.0
#pragma once

// A small pcapng writer (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html):
// section header, interface descriptions, enhanced packets and decryption secrets. libpcap 1.10
// writes only classic pcap, which cannot carry a second link type or a key log.

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <memory>

namespace m2mbench::trace {

/// Link types used by the bench (tcpdump.org link-layer header types).
namespace linktype {
inline constexpr quint16 kNull = 0;
inline constexpr quint16 kEthernet = 1;
inline constexpr quint16 kRaw = 101;
inline constexpr quint16 kLinuxSll = 113;
inline constexpr quint16 kWiresharkUpperPdu = 252;
inline constexpr quint16 kLinuxSll2 = 276;
} // namespace linktype

/// One interface of a section (an IDB).
struct PcapngInterface {
    quint16 linkType = linktype::kEthernet;
    quint32 snapLen = 0; ///< 0: no limit
    QString name;        ///< if_name, e.g. "lo"
    QString description; ///< if_description
    QString filter;      ///< if_filter, the capture filter in libpcap syntax
};

/// Direction of a packet relative to the capturing host (epb_flags bits 0-1).
enum class PacketDirection { Unknown = 0, Inbound = 1, Outbound = 2 };

/// Writes one pcapng section to a file, block by block, little-endian. Not thread-safe: callers
/// that write from several threads serialise (LiveCapture does).
class PcapngWriter {
public:
    ~PcapngWriter();
    PcapngWriter(const PcapngWriter &) = delete;
    PcapngWriter &operator=(const PcapngWriter &) = delete;

    /// Creates (truncates) `path` and writes the section header; `application` goes into
    /// shb_userappl, e.g. "m2mbench 0.1.0". Owner-only permissions when `privateFile`, for
    /// captures that will carry keys.
    static Result<std::unique_ptr<PcapngWriter>>
    create(const QString &path, const QString &application, bool privateFile = false);

    /// Writes an interface description block; returns the interface id (0, 1, ...).
    Result<quint32> addInterface(const PcapngInterface &iface);

    /// Writes an enhanced packet block. `timestampNs` is nanoseconds since the Unix epoch (every
    /// interface is declared with if_tsresol 9). `originalLength` 0 means data.size().
    Result<void> writePacket(quint32 interfaceId, qint64 timestampNs, const QByteArray &data,
                             quint32 originalLength = 0, const QString &comment = {},
                             PacketDirection direction = PacketDirection::Unknown);

    /// Writes a decryption secrets block; `secretsType` e.g. kTlsKeyLogSecrets.
    Result<void> writeDecryptionSecrets(quint32 secretsType, const QByteArray &secrets);

    /// The secrets type of an NSS key log (0x544c534b, "TLSK").
    static constexpr quint32 kTlsKeyLogSecrets = 0x544c534b;

    /// Number of enhanced packet blocks written so far; the next packet gets this plus one as
    /// its frame number in Wireshark.
    [[nodiscard]] quint64 packetCount() const { return m_packets; }
    [[nodiscard]] const QString &path() const { return m_path; }

    Result<void> flush();
    /// Flushes and closes; later writes fail.
    Result<void> close();

private:
    PcapngWriter(std::FILE *file, QString path);
    Result<void> writeBlock(quint32 type, const QByteArray &body);

    std::FILE *m_file = nullptr;
    QString m_path;
    quint32 m_interfaces = 0;
    quint64 m_packets = 0;
};

} // namespace m2mbench::trace
