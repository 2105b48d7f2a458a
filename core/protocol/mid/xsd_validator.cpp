// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/mid/xsd_validator.h"

#include "core/protocol/mid/xml.h"

#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>
#include <QUrl>

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>

#include <mutex>

namespace m2mbench::mid {

namespace {

#if LIBXML_VERSION >= 21200
using XmlErrorArg = const xmlError *;
#else
using XmlErrorArg = xmlErrorPtr;
#endif

void collectError(void *ctx, XmlErrorArg error) {
    auto *out = static_cast<QStringList *>(ctx);
    if (out->size() >= 20) {
        return; // enough to act on; a hostile document must not grow this without bound
    }
    QString msg = QString::fromUtf8(error->message ? error->message : "unknown error").trimmed();
    out->append(error->line > 0 ? QStringLiteral("line %1: %2").arg(error->line).arg(msg) : msg);
}

void initLibxml(const QString &catalog) {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
    static QMutex mutex;
    static QStringList loaded;
    QMutexLocker lock(&mutex);
    if (!catalog.isEmpty() && !loaded.contains(catalog) && QFileInfo::exists(catalog)) {
        xmlLoadCatalog(QFile::encodeName(catalog).constData());
        loaded.append(catalog);
    }
}

} // namespace

struct XsdValidator::Schema {
    xmlSchemaPtr schema = nullptr;
    ~Schema() {
        if (schema) {
            xmlSchemaFree(schema);
        }
    }
};

XsdValidator::XsdValidator(QString dir)
    : m_dir(std::move(dir)) {}

XsdValidator::~XsdValidator() = default;

Result<std::shared_ptr<XsdValidator>> XsdValidator::open(const QString &dir) {
    const QString clean = QDir::cleanPath(dir);
    if (!QFileInfo::exists(clean + QStringLiteral("/common.xsd"))) {
        return fail(Error::Kind::Config,
                    QStringLiteral("'%1' holds no common.xsd: point M2M_XSD_DIR (or --xsd-dir) at "
                                   "the folder of the ETSI TS 102 921 schemas")
                        .arg(clean));
    }
    initLibxml(clean + QStringLiteral("/catalog.xml"));
    return std::shared_ptr<XsdValidator>(new XsdValidator(clean));
}

QString XsdValidator::dirFromEnvironment() {
    return QString::fromLocal8Bit(qgetenv("M2M_XSD_DIR"));
}

Result<std::shared_ptr<XsdValidator::Schema>> XsdValidator::schemaFor(const QString &root) const {
    QMutexLocker lock(&m_mutex);
    if (auto it = m_schemas.find(root); it != m_schemas.end()) {
        return *it;
    }
    // Each schema file is named after its root element, but for membersContent.xsd, whose
    // element is <membersContentResponses>.
    const QString stem =
        root == u"membersContentResponses" ? QStringLiteral("membersContent") : root;
    const QString file = m_dir + QLatin1Char('/') + stem + QStringLiteral(".xsd");
    if (root.isEmpty() || root.contains(QLatin1Char('/')) || root.contains(QLatin1Char('.')) ||
        !QFileInfo::exists(file)) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("no schema for root element <%1>").arg(root));
    }
    QStringList errors;
    // Some roots name types of other files by xsi:type: a <mgmtObj> is any of the ETSI
    // management object types (etsiDeviceInfo.xsd, ...), and a <subscription>'s filterCriteria
    // may be a ContentInstanceFilterCriteriaType (contentInstances.xsd). Their schema is the
    // root's file with those, put together in memory.
    QStringList parts;
    if (root == u"mgmtObj") {
        parts = QDir(m_dir).entryList({QStringLiteral("etsi*.xsd")}, QDir::Files, QDir::Name);
    } else if (root == u"subscription") {
        parts = {QStringLiteral("contentInstances.xsd")};
    }
    QByteArray composite;
    if (!parts.isEmpty()) {
        parts.prepend(stem + QStringLiteral(".xsd"));
        composite = "<schema xmlns=\"http://www.w3.org/2001/XMLSchema\" "
                    "targetNamespace=\"http://uri.etsi.org/m2m\">";
        for (const QString &part : parts) {
            const QUrl url =
                QUrl::fromLocalFile(QFileInfo(m_dir + QLatin1Char('/') + part).absoluteFilePath());
            composite += "<include schemaLocation=\"" +
                         url.toString(QUrl::FullyEncoded).toHtmlEscaped().toUtf8() + "\"/>";
        }
        composite += "</schema>";
    }
    xmlSchemaParserCtxtPtr parser =
        composite.isEmpty()
            ? xmlSchemaNewParserCtxt(QFile::encodeName(file).constData())
            : xmlSchemaNewMemParserCtxt(composite.constData(), static_cast<int>(composite.size()));
    xmlSchemaSetParserStructuredErrors(parser, collectError, &errors);
    auto schema = std::make_shared<Schema>();
    schema->schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (!schema->schema) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("cannot compile %1: %2").arg(file, errors.join(QStringLiteral("; "))));
    }
    m_schemas.insert(root, schema);
    return schema;
}

Result<void> XsdValidator::validate(const QByteArray &document) const {
    return validate(document, rootElementName(document));
}

Result<void> XsdValidator::validate(const QByteArray &document, const QString &expectedRoot) const {
    auto schema = schemaFor(expectedRoot);
    if (!schema) {
        return fail(schema.error());
    }
    QStringList errors;
    xmlDocPtr doc =
        xmlReadMemory(document.constData(), static_cast<int>(document.size()), "document.xml",
                      nullptr, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        return fail(
            Error::Kind::Parse,
            QStringLiteral("not well-formed XML: %1")
                .arg(QString::fromUtf8(e && e->message ? e->message : "parse error").trimmed()));
    }
    xmlSchemaValidCtxtPtr ctx = xmlSchemaNewValidCtxt((*schema)->schema);
    xmlSchemaSetValidStructuredErrors(ctx, collectError, &errors);
    const int rc = xmlSchemaValidateDoc(ctx, doc);
    xmlSchemaFreeValidCtxt(ctx);
    xmlFreeDoc(doc);
    if (rc != 0) {
        if (errors.isEmpty()) {
            errors.append(QStringLiteral("validation failed (libxml2 code %1)").arg(rc));
        }
        return fail(Error::Kind::Parse, QStringLiteral("not valid against %1.xsd: %2")
                                            .arg(expectedRoot, errors.join(QStringLiteral("; "))));
    }
    return {};
}

} // namespace m2mbench::mid
