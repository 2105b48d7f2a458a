// SPDX-License-Identifier: Apache-2.0
#pragma once

// CoAP messages (RFC 7252 section 3) and the block options (RFC 7959) as plain values: the bench
// encodes what libcoap sends for its trace, decodes what it captured, and lets a person edit a
// request at a breakpoint. Decoding is strict and bounded; nothing here talks to a socket.

#include "core/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace m2mbench::coap {

enum class Type : quint8 { Confirmable = 0, NonConfirmable = 1, Acknowledgement = 2, Reset = 3 };

/// Option numbers the bench uses by name (RFC 7252 section 12.2, RFC 7959).
namespace option {
inline constexpr quint16 kIfMatch = 1;
inline constexpr quint16 kUriHost = 3;
inline constexpr quint16 kETag = 4;
inline constexpr quint16 kIfNoneMatch = 5;
inline constexpr quint16 kObserve = 6;
inline constexpr quint16 kUriPort = 7;
inline constexpr quint16 kLocationPath = 8;
inline constexpr quint16 kUriPath = 11;
inline constexpr quint16 kContentFormat = 12;
inline constexpr quint16 kMaxAge = 14;
inline constexpr quint16 kUriQuery = 15;
inline constexpr quint16 kAccept = 17;
inline constexpr quint16 kLocationQuery = 20;
inline constexpr quint16 kBlock2 = 23;
inline constexpr quint16 kBlock1 = 27;
inline constexpr quint16 kSize2 = 28;
inline constexpr quint16 kProxyUri = 35;
inline constexpr quint16 kProxyScheme = 39;
inline constexpr quint16 kSize1 = 60;
} // namespace option

/// Content-Format of XML representations (RFC 7252 section 12.3).
inline constexpr quint16 kFormatApplicationXml = 41;

/// Codes as class.detail packed into one octet (RFC 7252 section 3).
inline constexpr quint8 code(int cls, int detail) {
    return static_cast<quint8>((cls << 5) | detail);
}
inline constexpr quint8 kGet = code(0, 1);
inline constexpr quint8 kPost = code(0, 2);
inline constexpr quint8 kPut = code(0, 3);
inline constexpr quint8 kDelete = code(0, 4);
inline constexpr quint8 kContinue = code(2, 31);

struct Option {
    quint16 number = 0;
    QByteArray value;
    friend bool operator==(const Option &, const Option &) = default;
};

/// A block option's value (RFC 7959 section 2.2).
struct Block {
    quint32 num = 0;
    bool more = false;
    quint8 szx = 6; ///< size = 2^(szx + 4); 7 is reserved (BERT, not for UDP)

    [[nodiscard]] int size() const { return 1 << (szx + 4); }
    [[nodiscard]] QByteArray encode() const;
    /// Errors for more than 3 octets or szx 7.
    static Result<Block> decode(const QByteArray &value);
    /// The szx of a block size (16 .. 1024), -1 when it is not one.
    static int szxFor(int size);
};

struct Message {
    Type type = Type::Confirmable;
    quint8 code = 0;
    quint16 messageId = 0;
    QByteArray token;      ///< 0 to 8 octets
    QList<Option> options; ///< kept in option-number order
    QByteArray payload;

    /// Inserts after any options of the same number (repeatable options keep their order).
    void addOption(quint16 number, const QByteArray &value);
    void addUintOption(quint16 number, quint32 value);
    void removeOptions(quint16 number);
    [[nodiscard]] QList<QByteArray> optionValues(quint16 number) const;
    [[nodiscard]] std::optional<QByteArray> option(quint16 number) const;
    [[nodiscard]] std::optional<quint32> uintOption(quint16 number) const;
    [[nodiscard]] std::optional<Block> block(quint16 number) const;
    void setBlock(quint16 number, const Block &block);

    /// "/m2m/scls" from the Uri-Path options ("/" when none).
    [[nodiscard]] QString uriPath() const;
    /// Replaces the Uri-Path options with the segments of `path` (percent-decoded).
    void setUriPath(const QString &path);
    /// Uri-Query values, each "key=value" as sent.
    [[nodiscard]] QStringList uriQueries() const;

    [[nodiscard]] bool isRequest() const { return code >= 1 && code <= 31; }
    [[nodiscard]] bool isResponse() const { return code >= 64; }
    [[nodiscard]] bool isEmpty() const { return code == 0; }

    /// RFC 7252 wire form.
    [[nodiscard]] QByteArray encode() const;
    /// Strict decoding of one datagram; the error names the offset and what is wrong.
    static Result<Message> decode(const QByteArray &datagram);

    friend bool operator==(const Message &, const Message &) = default;
};

/// The smallest big-endian form of an unsigned option value (0 is the empty string).
QByteArray encodeUint(quint32 value);
/// nullopt for more than 4 octets.
std::optional<quint32> decodeUint(const QByteArray &value);

/// "2.05"; "0.01" for GET.
QString codeText(quint8 code);
/// "GET", "Content", "Not Found", ... ("Unknown" otherwise).
QString codeName(quint8 code);
QString typeName(Type type); ///< "CON", "NON", "ACK", "RST"
/// "Uri-Path", "Block2", ... or "Option 2049".
QString optionName(quint16 number);
/// RFC 7252 section 5.4.1: odd numbers are critical.
inline bool isCritical(quint16 number) {
    return (number & 1) != 0;
}

} // namespace m2mbench::coap
