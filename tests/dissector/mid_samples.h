// SPDX-License-Identifier: Apache-2.0
#pragma once

// Hand-made mId traffic the bundled suite does not produce (yet): CoAP, PANA carrying
// bootstrapParamSet, and each spec violation the dissector reports. Written through the bench's
// own export writer, as a run's export would be.

#include "core/common/result.h"
#include "core/trace/event.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace m2mbench::test {

/// A CoAP message: type (0 CON, 2 ACK), code (class*32+detail), message id, token, options as
/// (number, value) in ascending order, payload.
QByteArray coapMessage(int type, int code, quint16 messageId, const QByteArray &token,
                       const std::vector<std::pair<int, QByteArray>> &options,
                       const QByteArray &payload = {});

/// A PANA message (RFC 5191) with one vendor-specific AVP.
QByteArray panaMessage(quint16 flags, quint16 type, quint32 sequence, quint32 vendorId,
                       quint16 avpCode, const QByteArray &avpValue);

/// An HTTP/1.1 message with a Content-Length (and Content-Type when there is a body).
QByteArray httpMessage(const QByteArray &startLine, const QByteArray &body,
                       const QByteArray &extraHeaders = {});

/// One scenario: its name (the test case id in the records) and its events.
struct Sample {
    QString name;
    std::vector<trace::Event> events;
};

/// Every scenario, in order; seq and time are left for collectSamples to number.
std::vector<Sample> midSamples();

/// All scenarios as one run's events: test case start, messages, end.
std::vector<trace::Event> collectSamples();

/// Writes the scenarios as an export pcapng.
Result<void> writeSampleCapture(const QString &path);

/// Writes an export of bench records only (every record type and verdict, key records masked or
/// shown): one exported-PDU header length throughout, so that fuzzing can spare exactly it.
Result<void> writeRecordCapture(const QString &path, bool showKeys);

} // namespace m2mbench::test
