// SPDX-License-Identifier: Apache-2.0
#include "core/trace/sequence_model.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::trace;

namespace {

Event message(quint64 seq, const QString &from, const QString &to, const QString &summary) {
    Event e;
    e.seq = seq;
    e.kind = EventKind::MessageSent;
    e.from = from;
    e.to = to;
    e.summary = summary;
    return e;
}

Event check(quint64 seq, quint64 relatesTo, Verdict v, const QString &text = QString()) {
    Event e;
    e.seq = seq;
    e.kind = EventKind::Check;
    e.relatesTo = relatesTo;
    e.verdict = v;
    e.text = text;
    return e;
}

} // namespace

TEST(SequenceModel, KeepsConfiguredLanesFirstAndAddsNewOnes) {
    SequenceModel model;
    model.setLifelines({{QStringLiteral("D/GSCL"), false}, {QStringLiteral("NSCL"), true}});

    model.add(
        message(1, QStringLiteral("NSCL"), QStringLiteral("MAS"), QStringLiteral("key request")));

    ASSERT_EQ(model.lifelines().size(), 3);
    EXPECT_EQ(model.lifelines()[2].name, QStringLiteral("MAS"));
    EXPECT_TRUE(model.lifelines()[1].sut);
    EXPECT_EQ(model.items()[0].fromLane, 1);
    EXPECT_EQ(model.items()[0].toLane, 2);
}

TEST(SequenceModel, MarksMessagesWithTheWorstCheck) {
    SequenceModel model;
    model.add(message(1, QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("req")));
    model.add(message(2, QStringLiteral("B"), QStringLiteral("A"), QStringLiteral("rsp")));

    model.add(check(3, 2, Verdict::Pass));
    model.add(check(4, 2, Verdict::Fail));
    model.add(check(5, 2, Verdict::Pass));

    EXPECT_EQ(model.items()[1].mark, Verdict::Fail);
    EXPECT_EQ(model.items()[1].checkCount, 3);
    EXPECT_EQ(model.items()[0].mark, Verdict::None);
}

TEST(SequenceModel, FailedCheckWithoutMessageBecomesANote) {
    SequenceModel model;

    model.add(check(1, 0, Verdict::Inconc, QStringLiteral("no answer")));
    model.add(check(2, 0, Verdict::Pass, QStringLiteral("fine")));

    ASSERT_EQ(model.items().size(), 1u);
    EXPECT_EQ(model.items()[0].type, SequenceItem::Type::Note);
    EXPECT_EQ(model.items()[0].label, QStringLiteral("no answer"));
}

TEST(SequenceModel, IgnoresEventsAlreadySeen) {
    SequenceModel model;
    model.add(message(1, QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("x")));

    EXPECT_FALSE(
        model.add(message(1, QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("x"))));
    EXPECT_EQ(model.items().size(), 1u);
    EXPECT_EQ(model.lastSeq(), 1u);
}

TEST(SequenceModel, FindsRowsFailuresAndText) {
    SequenceModel model;
    for (quint64 s = 1; s <= 10; ++s) {
        model.add(message(s * 2, QStringLiteral("A"), QStringLiteral("B"),
                          QStringLiteral("msg %1").arg(s)));
    }
    model.add(check(21, 8, Verdict::Fail));

    EXPECT_EQ(model.rowOfSeq(8), 3);
    EXPECT_FALSE(model.rowOfSeq(7));
    EXPECT_EQ(model.nextFailure(0), 3);
    EXPECT_EQ(model.nextFailure(3), 3); // wraps around to itself
    EXPECT_EQ(model.find(QStringLiteral("MSG 10"), 0), 9);
    EXPECT_FALSE(model.find(QStringLiteral("absent"), 0));
}

TEST(SequenceModel, ClearForgetsDiscoveredLanes) {
    SequenceModel model;
    model.setLifelines({{QStringLiteral("A"), false}});
    model.add(message(1, QStringLiteral("A"), QStringLiteral("Z"), QStringLiteral("x")));

    model.clear();

    EXPECT_EQ(model.lifelines().size(), 1);
    EXPECT_TRUE(model.items().empty());
    EXPECT_EQ(model.lastSeq(), 0u);
}

TEST(SequenceModel, FindsBackwardsAndInProtocols) {
    SequenceModel model;
    for (quint64 s = 1; s <= 6; ++s) {
        Event e =
            message(s, QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("msg %1").arg(s));
        e.protocol = s % 2 == 0 ? QStringLiteral("PANA") : QStringLiteral("HTTP");
        model.add(e);
    }
    model.add(check(7, 2, Verdict::Fail));
    model.add(check(8, 5, Verdict::Error));

    EXPECT_EQ(model.find(QStringLiteral("msg"), 3, SearchDirection::Backward), 2);
    EXPECT_EQ(model.find(QStringLiteral("msg"), 0, SearchDirection::Backward), 5); // wraps
    EXPECT_EQ(model.find(QStringLiteral("pana"), 1, SearchDirection::Forward), 3);
    EXPECT_EQ(model.find(QStringLiteral("msg 1"), -1, SearchDirection::Backward), 0);
    EXPECT_EQ(model.failure(3, SearchDirection::Backward), 1);
    EXPECT_EQ(model.failure(-1, SearchDirection::Backward), 4);
    EXPECT_EQ(model.failure(4, SearchDirection::Forward), 1);
    EXPECT_EQ(model.countMatches(QStringLiteral("http"), 100), 3);
    EXPECT_EQ(model.countMatches(QStringLiteral("msg"), 2), 2);
}

TEST(SequenceModel, TellsTheProtocolLayersOfAMessage) {
    const auto layers = [](const QString &protocol, const QString &summary) {
        Event e = message(1, QStringLiteral("A"), QStringLiteral("B"), summary);
        e.protocol = protocol;
        return protocolLayersOf(e);
    };
    const auto bits = [](std::initializer_list<ProtocolLayer> list) {
        ProtocolLayers out = 0;
        for (ProtocolLayer l : list) {
            out |= ProtocolLayers(l);
        }
        return out;
    };

    EXPECT_EQ(layers(QStringLiteral("PANA"), QStringLiteral("PCI seq=0")),
              bits({ProtocolLayer::Pana}));
    EXPECT_EQ(
        layers(QStringLiteral("PANA"), QStringLiteral("PAR seq=5 Nonce, EAP Request/Identity")),
        bits({ProtocolLayer::Pana, ProtocolLayer::Eap}));
    EXPECT_EQ(layers(QStringLiteral("PANA"), QStringLiteral("PAN seq=5 EAP Response/TLS id=9")),
              bits({ProtocolLayer::Pana, ProtocolLayer::Eap, ProtocolLayer::Tls}));
    EXPECT_EQ(layers(QStringLiteral("HTTPS"), QStringLiteral("RETRIEVE /m2m")),
              bits({ProtocolLayer::Http, ProtocolLayer::Tls}));
    EXPECT_EQ(layers(QStringLiteral("CoAP/DTLS"), QStringLiteral("GET /m2m")),
              bits({ProtocolLayer::Coap, ProtocolLayer::Tls}));
    EXPECT_EQ(layers(QStringLiteral("RADIUS"), QStringLiteral("Access-Request EAP-Message")),
              bits({ProtocolLayer::Radius, ProtocolLayer::Eap}));
    EXPECT_EQ(layers(QStringLiteral("Diameter"), QStringLiteral("CER")),
              bits({ProtocolLayer::Diameter}));
    EXPECT_EQ(layers(QStringLiteral("SMS"), QStringLiteral("x")), 0u);
    EXPECT_EQ(allProtocolLayers().size(), 7);
    EXPECT_EQ(protocolLayerName(ProtocolLayer::Coap), QStringLiteral("CoAP"));
}

TEST(SequenceModel, RecordsLayersAndDirectionOfEachArrow) {
    SequenceModel model;
    Event sent = message(1, QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("PCI"));
    sent.protocol = QStringLiteral("PANA");
    Event received = sent;
    received.seq = 2;
    received.kind = EventKind::MessageReceived;

    model.add(std::vector<Event>{sent, received});

    ASSERT_EQ(model.items().size(), 2u);
    EXPECT_FALSE(model.items()[0].received);
    EXPECT_TRUE(model.items()[1].received);
    EXPECT_EQ(model.items()[1].layers, ProtocolLayers(ProtocolLayer::Pana));
}
