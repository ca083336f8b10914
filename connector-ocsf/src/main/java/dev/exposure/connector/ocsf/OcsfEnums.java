package dev.exposure.connector.ocsf;

import dev.exposure.connector.model.FindingStatus;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The OCSF 1.8.0 enum values this module writes, and how model values map to them. */
final class OcsfEnums {
    static final String[] SEVERITY_CAPTIONS = {"Unknown", "Informational", "Low", "Medium", "High", "Critical"};

    static final int FINDING_STATUS_UNKNOWN = 0;
    static final int FINDING_STATUS_NEW = 1;
    static final int FINDING_STATUS_IN_PROGRESS = 2;
    static final int FINDING_STATUS_RESOLVED = 4;
    static final int FINDING_STATUS_ARCHIVED = 5;

    static final int ACTIVITY_CREATE = 1;
    static final int ACTIVITY_UPDATE = 2;
    static final int ACTIVITY_CLOSE = 3;
    static final int ACTIVITY_COLLECT = 2;

    static final int COMPLIANCE_PASS = 1;
    static final int COMPLIANCE_FAIL = 3;

    static final int DEVICE_UNKNOWN = 0;
    static final int DEVICE_SERVER = 1;
    static final int DEVICE_DESKTOP = 2;
    static final int DEVICE_LAPTOP = 3;
    static final int DEVICE_TABLET = 4;
    static final int DEVICE_MOBILE = 5;
    static final int DEVICE_VIRTUAL = 6;

    private OcsfEnums() {}

    /** SDK level 1-5 is OCSF severity_id 1-5 (Informational, Low, Medium, High, Critical). */
    static int severityId(int level) {
        return level >= 1 && level <= 5 ? level : 0;
    }

    static int findingStatusId(FindingStatus status) {
        return switch (status) {
            case OPEN -> FINDING_STATUS_NEW;
            case ACTIVE -> FINDING_STATUS_IN_PROGRESS;
            case RESOLVED -> FINDING_STATUS_RESOLVED;
            case CLOSED -> FINDING_STATUS_ARCHIVED;
            case UNKNOWN -> FINDING_STATUS_UNKNOWN;
        };
    }

    static String findingStatusCaption(int id) {
        return switch (id) {
            case FINDING_STATUS_NEW -> "New";
            case FINDING_STATUS_IN_PROGRESS -> "In Progress";
            case FINDING_STATUS_RESOLVED -> "Resolved";
            case FINDING_STATUS_ARCHIVED -> "Archived";
            default -> "Unknown";
        };
    }

    /** A delta's New / Updated / Fixed is Create / Update / Close; anything else (a full sync's record) is Create. */
    static int findingActivityId(@Nullable String vendorStatus) {
        if (vendorStatus == null) {
            return ACTIVITY_CREATE;
        }
        if (vendorStatus.equalsIgnoreCase("Updated")) {
            return ACTIVITY_UPDATE;
        }
        if (vendorStatus.equalsIgnoreCase("Fixed")) {
            return ACTIVITY_CLOSE;
        }
        return ACTIVITY_CREATE;
    }

    static String findingActivityCaption(int id) {
        return switch (id) {
            case ACTIVITY_UPDATE -> "Update";
            case ACTIVITY_CLOSE -> "Close";
            default -> "Create";
        };
    }

    /**
     * The OCSF os.type_id for an operating system name (or the vendor's OS type): 100 Windows, 200
     * Linux (and its distributions), 201 Android, 300 macOS, 301 iOS, 302 iPadOS, 99 Other for a
     * name it does not know, 0 Unknown for none.
     */
    static int osTypeId(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return 0;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("windows")) {
            return 100;
        }
        if (n.contains("android")) {
            return 201;
        }
        if (n.contains("ipados")) {
            return 302;
        }
        if (n.equals("ios") || n.startsWith("ios ") || n.contains("iphone")) {
            return 301;
        }
        if (n.contains("macos") || n.contains("mac os") || n.contains("osx") || n.equals("mac")) {
            return 300;
        }
        for (String linux : LINUX) {
            if (n.contains(linux)) {
                return 200;
            }
        }
        return 99;
    }

    private static final String[] LINUX = {"linux", "ubuntu", "debian", "rhel", "redhat", "red hat", "centos", "suse",
        "sles", "fedora", "oracle", "amazon", "alma", "rocky", "mariner"};

    static String osTypeCaption(int id) {
        return switch (id) {
            case 100 -> "Windows";
            case 200 -> "Linux";
            case 201 -> "Android";
            case 300 -> "macOS";
            case 301 -> "iOS";
            case 302 -> "iPadOS";
            case 99 -> "Other";
            default -> "Unknown";
        };
    }

    /**
     * The device type: the vendor's device type when the record has one (Server, Workstation or
     * Desktop, Laptop, Tablet, Mobile or Phone, Virtual), else Virtual for a cloud VM, else from the
     * OS name (a server OS is a Server, Windows client / macOS a Desktop, iOS / Android a Mobile),
     * else Unknown.
     */
    static int deviceTypeId(@Nullable String vendorType, boolean cloudVm, @Nullable String osName) {
        if (vendorType != null && !vendorType.isBlank()) {
            String t = vendorType.toLowerCase(Locale.ROOT);
            if (t.contains("server")) {
                return DEVICE_SERVER;
            }
            if (t.contains("workstation") || t.contains("desktop")) {
                return DEVICE_DESKTOP;
            }
            if (t.contains("laptop")) {
                return DEVICE_LAPTOP;
            }
            if (t.contains("tablet")) {
                return DEVICE_TABLET;
            }
            if (t.contains("mobile") || t.contains("phone")) {
                return DEVICE_MOBILE;
            }
            if (t.contains("virtual")) {
                return DEVICE_VIRTUAL;
            }
        }
        if (cloudVm) {
            return DEVICE_VIRTUAL;
        }
        if (osName == null || osName.isBlank()) {
            return DEVICE_UNKNOWN;
        }
        String n = osName.toLowerCase(Locale.ROOT);
        if (n.contains("server")) {
            return DEVICE_SERVER;
        }
        int os = osTypeId(osName);
        if (os == 100 || os == 300) {
            return DEVICE_DESKTOP;
        }
        if (os == 201 || os == 301) {
            return DEVICE_MOBILE;
        }
        if (os == 302) {
            return DEVICE_TABLET;
        }
        return DEVICE_UNKNOWN;
    }

    static String deviceTypeCaption(int id) {
        return switch (id) {
            case DEVICE_SERVER -> "Server";
            case DEVICE_DESKTOP -> "Desktop";
            case DEVICE_LAPTOP -> "Laptop";
            case DEVICE_TABLET -> "Tablet";
            case DEVICE_MOBILE -> "Mobile";
            case DEVICE_VIRTUAL -> "Virtual";
            default -> "Unknown";
        };
    }

    /** device.risk_level_id: 0 Info, 1 Low, 2 Medium, 3 High, 4 Critical, 99 Other. */
    static int riskLevelId(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "none", "info", "informational" -> 0;
            case "low" -> 1;
            case "medium" -> 2;
            case "high" -> 3;
            case "critical" -> 4;
            default -> 99;
        };
    }

    /** compliance.status_id from the map's PASS / FAIL result, else from the finding status; 0 when neither says. */
    static int complianceStatusId(@Nullable String result, FindingStatus status) {
        if (result != null) {
            if (result.equalsIgnoreCase("PASS")) {
                return COMPLIANCE_PASS;
            }
            if (result.equalsIgnoreCase("FAIL")) {
                return COMPLIANCE_FAIL;
            }
        }
        return switch (status) {
            case OPEN, ACTIVE -> COMPLIANCE_FAIL;
            case RESOLVED -> COMPLIANCE_PASS;
            default -> 0;
        };
    }
}
