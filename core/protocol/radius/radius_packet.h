// SPDX-License-Identifier: Apache-2.0
#pragma once

// RADIUS (RFC 2865) as EAP carries it (RFC 3579): packets and attributes, EAP-Message split over
// attributes of at most 253 octets, Message-Authenticator (HMAC-MD5), the Response Authenticator
// (MD5), and MS-MPPE-Send/Recv-Key encryption (RFC 2548 section 2.4) which hands the MSK to the
// NAS. Pure functions; MD5 here is the protocol's own construction, not a choice of the bench.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace m2mbench::radius {

enum class Code : quint8 {
    AccessRequest = 1,
    AccessAccept = 2,
    AccessReject = 3,
    AccountingRequest = 4,
    AccountingResponse = 5,
    AccessChallenge = 11,
    StatusServer = 12,
};

namespace Attr {
inline constexpr quint8 UserName = 1;
inline constexpr quint8 NasIpAddress = 4;
inline constexpr quint8 NasPort = 5;
inline constexpr quint8 ServiceType = 6;
inline constexpr quint8 FramedMtu = 12;
inline constexpr quint8 ReplyMessage = 18;
inline constexpr quint8 State = 24;
inline constexpr quint8 Class = 25;
inline constexpr quint8 VendorSpecific = 26;
inline constexpr quint8 SessionTimeout = 27;
inline constexpr quint8 CalledStationId = 30;
inline constexpr quint8 CallingStationId = 31;
inline constexpr quint8 NasIdentifier = 32;
inline constexpr quint8 NasPortType = 61;
inline constexpr quint8 ConnectInfo = 77;
inline constexpr quint8 EapMessage = 79;
inline constexpr quint8 MessageAuthenticator = 80;
} // namespace Attr

inline constexpr quint32 kMicrosoftVendorId = 311;
inline constexpr quint8 kMsMppeSendKey = 16;
inline constexpr quint8 kMsMppeRecvKey = 17;
inline constexpr int kHeaderLength = 20;
inline constexpr int kMaxPacketLength = 4096; ///< RFC 2865 section 3
inline constexpr int kAuthenticatorLength = 16;

struct Attribute {
    quint8 type = 0;
    QByteArray value;
    qsizetype offset = -1; ///< in the parsed packet

    /// For Vendor-Specific: the vendor id and the first sub-attribute (RFC 2865 section 5.26).
    [[nodiscard]] std::optional<quint32> vendorId() const;
    [[nodiscard]] std::optional<quint8> vendorType() const;
    [[nodiscard]] QByteArray vendorValue() const;

    static Attribute vendor(quint32 vendorId, quint8 vendorType, const QByteArray &value);
};

struct Packet {
    Code code = Code::AccessRequest;
    quint8 identifier = 0;
    QByteArray authenticator = QByteArray(kAuthenticatorLength, '\0');
    QList<Attribute> attributes;

    [[nodiscard]] const Attribute *find(quint8 type) const;
    [[nodiscard]] const Attribute *findVendor(quint32 vendorId, quint8 vendorType) const;
    /// The EAP packet carried in the EAP-Message attributes, concatenated in order.
    [[nodiscard]] QByteArray eapMessage() const;
    /// Appends `eap` as EAP-Message attributes of at most 253 octets each.
    void addEapMessage(const QByteArray &eap);
    void add(quint8 type, const QByteArray &value);

    /// The packet on the wire with the authenticator as it stands.
    [[nodiscard]] QByteArray encode() const;
};

/// Parses one datagram; the Length must lie in 20..4096 and within the datagram, attributes
/// must fit exactly (RFC 2865 section 3: octets beyond Length are padding and ignored).
Result<Packet> parsePacket(const QByteArray &bytes);

QString codeName(Code code);
QString attributeName(quint8 type);
/// "Access-Challenge id=3 EAP Request/TLS id=5 [L,M] ..." for traces.
QString summarize(const Packet &packet);

/// Access-Request ready to send: a fresh Request Authenticator (from `random`, 16 octets) and a
/// Message-Authenticator over the whole packet (RFC 3579 section 3.2).
Result<QByteArray> finalizeRequest(Packet &packet, const QByteArray &secret,
                                   const QByteArray &requestAuthenticator);
/// A response ready to send: Message-Authenticator computed with the request's authenticator in
/// place, then the Response Authenticator MD5(Code|ID|Length|RequestAuth|Attributes|Secret).
Result<QByteArray> finalizeResponse(Packet &packet, const QByteArray &secret,
                                    const QByteArray &requestAuthenticator);

enum class Check { Valid, Missing, Invalid };
QString checkName(Check check);

/// The Response Authenticator of a received response, for the request we sent.
Check verifyResponseAuthenticator(const QByteArray &raw, const QByteArray &secret,
                                  const QByteArray &requestAuthenticator);
/// The Message-Authenticator of a received packet. For a request pass its own authenticator
/// (as received); for a response, the authenticator of the request it answers.
Check verifyMessageAuthenticator(const QByteArray &raw, const Packet &packet,
                                 const QByteArray &secret, const QByteArray &authenticator);

/// MS-MPPE-Send/Recv-Key value: Salt (2 octets, high bit set) and the key encrypted under
/// MD5(secret | request authenticator | salt) chaining (RFC 2548 section 2.4.2).
Result<QByteArray> encryptMppeKey(const SecureBytes &key, const QByteArray &secret,
                                  const QByteArray &requestAuthenticator, const QByteArray &salt);
/// The key out of an MS-MPPE-*-Key value; errors for a bad salt, length or key length octet.
Result<SecureBytes> decryptMppeKey(const QByteArray &value, const QByteArray &secret,
                                   const QByteArray &requestAuthenticator);

/// The MSK an Access-Accept hands to the NAS: MS-MPPE-Recv-Key (MSK[0..31]) followed by
/// MS-MPPE-Send-Key (MSK[32..63]) (RFC 3579 section 3.3 with RFC 2548).
Result<SecureBytes> mskFromAccept(const Packet &accept, const QByteArray &secret,
                                  const QByteArray &requestAuthenticator);
/// The two attributes for an Access-Accept carrying `msk` (64 octets).
Result<QList<Attribute>> mppeAttributes(const SecureBytes &msk, const QByteArray &secret,
                                        const QByteArray &requestAuthenticator,
                                        const QByteArray &saltSeed);

} // namespace m2mbench::radius
