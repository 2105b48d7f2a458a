// SPDX-License-Identifier: Apache-2.0
#pragma once

// Remote entity management (xREM) resources of the reference NSCL (TS 102 690 clause 9.2.3.27
// and annex B; TS 102 921 mgmtObjs.xsd, mgmtObj.xsd and the etsi* management objects,
// mgmtCmd.xsd, execInstances.xsd, execInstance.xsd, attachedDevices.xsd, attachedDevice.xsd).
// A D/GSCL (its DREM/GREM) keeps here the management objects of its node, and a gateway those
// of the legacy devices behind it; network applications (NREM's clients) read them and run
// management commands on them:
//
//   scls/SCL/mgmtObjs                       RETRIEVE, UPDATE (accessRightID), CREATE <mgmtObj>
//                                           (any ETSI type by xsi:type) or <mgmtCmd>
//   scls/SCL/mgmtObjs/ID                    RETRIEVE, UPDATE, DELETE
//   scls/SCL/mgmtObjs/CMD/execEnable        UPDATE: runs the command, a new <execInstance>
//   scls/SCL/mgmtObjs/CMD/execInstances     RETRIEVE
//   scls/SCL/mgmtObjs/CMD/execInstances/E   RETRIEVE, UPDATE (the node reports execStatus and
//                                           execResult), DELETE
//   scls/SCL/mgmtObjs/CMD/execInstances/E/execDisable   UPDATE: cancels (CANCELLING)
//   scls/SCL/attachedDevices                RETRIEVE, UPDATE (accessRightID), CREATE
//                                           <attachedDevice>
//   scls/SCL/attachedDevices/DEV            RETRIEVE, UPDATE (accessRightID), DELETE
//   scls/SCL/attachedDevices/DEV/mgmtObjs[...]   as above, for the attached device
//
// The NSCL does not itself reach the node: an execInstance stays INITIATED until the node
// (subscribed to execInstances, or polling) reports progress by UPDATE; execStatus only moves
// forward (INITIATED, STARTED, FINISHED; CANCELLING after execDisable). Not thread-safe: the
// NSCL service calls it under its own lock.

#include "core/common/clock.h"
#include "core/nodes/nscl/nscl_representation.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/xml.h"
#include "core/protocol/mid/xsd_validator.h"

#include <QDateTime>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>

namespace m2mbench::nodes {

struct ExecInstance {
    QString id;
    QString execStatus = QStringLiteral("INITIATED");
    std::optional<mid::XmlNode> execResult;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
};

struct MgmtResource {
    bool command = false; ///< a <mgmtCmd>, else a <mgmtObj>
    QString id;
    QDateTime expirationTime;
    QString accessRightID;
    std::optional<QStringList> searchStrings;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    QString description;
    // <mgmtObj>
    QString typeName; ///< local name of its xsi:type (e.g. "EtsiDeviceInfo"); empty: generic
    QString moID;
    QString originalMO;
    QString contentType;
    QList<mid::XmlNode> moAttributes; ///< the type's own elements, as given
    // <mgmtCmd>
    QString cmdType;
    std::optional<mid::XmlNode> execReqArgs;
    QMap<QString, ExecInstance> executions;
    QDateTime executionsModified;
    quint64 nextExecution = 1;
};

class XremStore {
public:
    XremStore(const Clock &clock, const QSet<QString> &faults,
              std::shared_ptr<mid::XsdValidator> validator);

    /// A request whose target is `host` + "/mgmtObjs" + `rest` (rest empty or "/...").
    mid::Response handleMgmtObjs(const mid::Request &request, const QString &host,
                                 const QString &rest);
    /// A request whose target is `scl` + "/attachedDevices" + `rest`; paths below an attached
    /// device's mgmtObjs go to handleMgmtObjs with the device as host.
    mid::Response handleAttachedDevices(const mid::Request &request, const QString &scl,
                                        const QString &rest);
    /// Drops what `host` held (an <scl> went), attached devices and their objects included.
    void removeHost(const QString &host);
    void purge();
    [[nodiscard]] QList<DiscoverableResource> discoverable() const;
    [[nodiscard]] QString declaredAccessRightID(const QString &path) const;
    [[nodiscard]] QStringList mgmtIds(const QString &host) const;
    [[nodiscard]] QStringList attachedDeviceIds(const QString &scl) const;

private:
    struct Objects {
        QDateTime creationTime;
        QDateTime lastModifiedTime;
        QString accessRightID;
        QMap<QString, MgmtResource> items;
        quint64 nextName = 1;
    };
    struct Attached {
        QString id;
        QString accessRightID;
        QDateTime creationTime;
        QDateTime lastModifiedTime;
    };
    struct Devices {
        QDateTime creationTime;
        QDateTime lastModifiedTime;
        QString accessRightID;
        QMap<QString, Attached> items;
        quint64 nextName = 1;
    };

    Objects &objects(const QString &host);
    mid::Response objectsRepresentation(const QString &host, const Objects &o) const;
    mid::Response create(const mid::Request &request, const QString &host, Objects &o);
    mid::Response handleOne(const mid::Request &request, const QString &path, Objects &o,
                            const QString &id);
    mid::Response update(const mid::Request &request, const QString &path, MgmtResource &m);
    mid::Response representation(const QString &path, const MgmtResource &m) const;
    mid::Response handleCommand(const mid::Request &request, const QString &path, MgmtResource &cmd,
                                const QString &sub);
    mid::Response execute(const mid::Request &request, const QString &path, MgmtResource &cmd);
    mid::Response handleExecution(const mid::Request &request, const QString &path,
                                  MgmtResource &cmd, const QString &id, const QString &sub);
    mid::Response executionRepresentation(const QString &path, const ExecInstance &e) const;
    mid::Response attachedRepresentation(const QString &path, const Attached &a) const;
    [[nodiscard]] bool fault(const char *name) const {
        return !m_faults.isEmpty() && m_faults.contains(QLatin1String(name));
    }

    const Clock &m_clock;
    QSet<QString> m_faults;
    std::shared_ptr<mid::XsdValidator> m_validator;
    QMap<QString, Objects> m_objects; ///< by host path
    QMap<QString, Devices> m_devices; ///< by <scl> path
};

} // namespace m2mbench::nodes
