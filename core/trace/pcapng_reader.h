// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reads back the blocks the bench writes (SHB, IDB, EPB, SPB, DSB) from a pcapng file, with
// every length checked: for tests, and for tools that judge a capture they did not make.

#include "core/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace m2mbench::trace {

struct PcapngPacket {
    quint32 interfaceId = 0;
    qint64 timestampNs = 0; ///< assumes if_tsresol 9 (what the bench writes); else microseconds
    QByteArray data;
    quint32 originalLength = 0;
    QString comment;
};

struct PcapngSecrets {
    quint32 type = 0;
    QByteArray data;
    qsizetype beforePacket = 0; ///< number of packets that precede this block in the file
};

struct PcapngContents {
    QList<quint16> linkTypes; ///< by interface id
    QList<QString> interfaceNames;
    QList<qint64> tsResolutionNs; ///< nanoseconds per tick, by interface id
    QList<PcapngPacket> packets;
    QList<PcapngSecrets> secrets;
    QString application; ///< shb_userappl
};

/// Parses a whole pcapng file. Stops with an error naming the offset at the first block that
/// does not fit; never reads past the data.
Result<PcapngContents> parsePcapng(const QByteArray &bytes);
Result<PcapngContents> readPcapng(const QString &path);

} // namespace m2mbench::trace
