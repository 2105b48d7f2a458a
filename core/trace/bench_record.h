// SPDX-License-Identifier: Apache-2.0
#pragma once

// The bench's own trace records as etsim2m PDUs (docs/wireshark.md, "Record format"):
//
//     "M2MB" | version (1) | record type (1) | flags (2, zero) | TLV ...
//     TLV = tag (2, big-endian) | length (2, big-endian) | value
//
// Integers are big-endian, strings UTF-8 without terminator. INPUT and OUTPUT values are
// nested TLVs. Readers skip tags they do not know.

#include "core/common/result.h"
#include "core/trace/event.h"
#include "core/trace/run_info.h"

#include <QByteArray>
#include <QList>

#include <functional>
#include <optional>

namespace m2mbench::trace::record {

inline constexpr char kMagic[] = "M2MB";
inline constexpr quint8 kVersion = 1;
/// Name of the Wireshark dissector of these PDUs (registered by the etsim2m plugin).
inline constexpr char kDissectorName[] = "etsim2m_record";

enum class Type : quint8 {
    Run = 1,           ///< the run: bench, target, start, sclBase paths, endpoints
    TestCaseStart = 2, ///< a test case began (title)
    TestCaseEnd = 3,   ///< a test case ended (final verdict, reason)
    Check = 4,         ///< a check judged something (verdict, text, the message it judged)
    Log = 5,           ///< a log line
    Key = 6,           ///< a key derivation record (values masked unless asked)
    Phase = 7,         ///< a test case entered a phase (preamble, body, postamble)
};

namespace tag {
inline constexpr quint16 kSeq = 0x01;
inline constexpr quint16 kTimeNs = 0x02;
inline constexpr quint16 kTestCase = 0x03;
inline constexpr quint16 kPhase = 0x04;
inline constexpr quint16 kVerdict = 0x05;
inline constexpr quint16 kText = 0x06;
inline constexpr quint16 kSummary = 0x07;
inline constexpr quint16 kRelatesSeq = 0x08;
inline constexpr quint16 kRelatesFrame = 0x09;
inline constexpr quint16 kSource = 0x0A;
inline constexpr quint16 kRelatesLiveFrame = 0x0B;
inline constexpr quint16 kBench = 0x10;
inline constexpr quint16 kTarget = 0x11;
inline constexpr quint16 kStarted = 0x12;
inline constexpr quint16 kMidBase = 0x13;
inline constexpr quint16 kKeysShown = 0x14;
inline constexpr quint16 kLiveCapture = 0x15;
inline constexpr quint16 kRunId = 0x16;
inline constexpr quint16 kEndpoint = 0x17;
inline constexpr quint16 kKeyId = 0x20;
inline constexpr quint16 kKeyName = 0x21;
inline constexpr quint16 kFormulaId = 0x22;
inline constexpr quint16 kFormula = 0x23;
inline constexpr quint16 kLabel = 0x24;
inline constexpr quint16 kInput = 0x25;
inline constexpr quint16 kOutput = 0x26;
inline constexpr quint16 kParent = 0x27;
// Inside kInput / kOutput:
inline constexpr quint16 kName = 0x30;
inline constexpr quint16 kFlags = 0x31;
inline constexpr quint16 kLength = 0x32;
inline constexpr quint16 kValue = 0x33;
} // namespace tag

/// Bits of tag::kFlags.
inline constexpr quint8 kFlagSecret = 0x01;
inline constexpr quint8 kFlagText = 0x02;
inline constexpr quint8 kFlagMasked = 0x04;

struct Tlv {
    quint16 tag = 0;
    QByteArray value;
};

/// A record taken apart, for tests and tools.
struct Decoded {
    Type type = Type::Log;
    QList<Tlv> tlvs;

    [[nodiscard]] QString text(quint16 tag) const;
    [[nodiscard]] std::optional<quint64> number(quint16 tag) const;
    [[nodiscard]] QList<QByteArray> all(quint16 tag) const;
};

/// Parses a record; the error says where it stops making sense.
Result<Decoded> decode(const QByteArray &pdu);
/// Parses the nested TLVs of an INPUT or OUTPUT value.
Result<QList<Tlv>> decodeTlvs(const QByteArray &bytes);

/// What an event record may refer to beyond the event itself.
struct Context {
    bool showKeys = false;
    /// Frame number, in the capture being written, of the message with this seq (-1 unknown).
    std::function<qint64(quint64)> frameOf;
    /// Frame number in the run's live capture (-1 unknown).
    std::function<qint64(quint64)> liveFrameOf;
};

QByteArray encodeRun(const RunInfo &info);
QByteArray encodePhase(const QString &testCaseId, const QString &phase, qint64 timeNs);
/// The record of a non-message event; nullopt for messages (they are exported as themselves).
std::optional<QByteArray> encodeEvent(const Event &event, const Context &context);

} // namespace m2mbench::trace::record
