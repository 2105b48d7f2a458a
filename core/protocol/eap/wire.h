// SPDX-License-Identifier: Apache-2.0
#pragma once

// Big-endian reads and writes for the bootstrap codecs (EAP, PANA, RADIUS, Diameter). Reads take
// an offset the caller has already checked against the buffer size: every codec validates
// lengths first and only then reads, so a hostile length can never walk off a buffer.

#include <QByteArray>

#include <cstdint>

namespace m2mbench::wire {

inline quint8 u8(const QByteArray &b, qsizetype at) {
    return static_cast<quint8>(b.at(at));
}

inline quint16 u16(const QByteArray &b, qsizetype at) {
    return static_cast<quint16>((u8(b, at) << 8) | u8(b, at + 1));
}

inline quint32 u24(const QByteArray &b, qsizetype at) {
    return (quint32(u8(b, at)) << 16) | (quint32(u8(b, at + 1)) << 8) | u8(b, at + 2);
}

inline quint32 u32(const QByteArray &b, qsizetype at) {
    return (quint32(u16(b, at)) << 16) | u16(b, at + 2);
}

inline void putU8(QByteArray &b, quint32 v) {
    b.append(static_cast<char>(v & 0xff));
}

inline void putU16(QByteArray &b, quint32 v) {
    putU8(b, v >> 8);
    putU8(b, v);
}

inline void putU24(QByteArray &b, quint32 v) {
    putU8(b, v >> 16);
    putU16(b, v);
}

inline void putU32(QByteArray &b, quint32 v) {
    putU16(b, v >> 16);
    putU16(b, v);
}

/// Overwrites two octets at `at` (a length field filled in once the size is known).
inline void setU16(QByteArray &b, qsizetype at, quint32 v) {
    b[at] = static_cast<char>((v >> 8) & 0xff);
    b[at + 1] = static_cast<char>(v & 0xff);
}

inline void setU24(QByteArray &b, qsizetype at, quint32 v) {
    b[at] = static_cast<char>((v >> 16) & 0xff);
    setU16(b, at + 1, v);
}

inline QByteArray be32(quint32 v) {
    QByteArray b;
    putU32(b, v);
    return b;
}

/// Octets needed to pad `n` to a multiple of four (PANA and Diameter AVPs).
inline qsizetype pad4(qsizetype n) {
    return (4 - (n % 4)) % 4;
}

} // namespace m2mbench::wire
