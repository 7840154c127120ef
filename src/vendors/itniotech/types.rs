//! Itniotech's documented params and results, spelled as the vendor spells them
//! ([I-edit], README.md, the SDK's DTOs [I-dto]).
//! `appId` is optional everywhere: waihu fills it from the credentials.

use serde::{Deserialize, Serialize};

use crate::wire::Id;
use crate::{wire, wire_enum};

wire_enum! { ItniotechMode { MANUAL, AUTO } }
wire_enum! {
    /// The page shows MONDAY and TUESDAY; the full set of seven is waihu's reading (UNVERIFIED).
    ItniotechDayOfWeek { MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY }
}
wire_enum! { ItniotechRedialCondition { CALL_LOSS, NO_ANSWER, BUSY, REFUSED, POWER_OFF, OUT_OF_SERVICE, CAN_NOT_CONNECT, FROM_PHONE_ERROR, SYSTEM_ERROR, VACANT_NUMBER } }
wire_enum! { ItniotechGender { MALE, FEMALE } }
wire_enum! { ItniotechNoCallStatus { CAN_NOT_START, CAN_START, IN_PROCESS } }

/// A customer property value: the SDK's `properties` is a raw `Map`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum ItniotechPropValue {
    Str(String),
    Num(f64),
    Bool(bool),
}

pub type ItniotechProps = std::collections::BTreeMap<String, ItniotechPropValue>;

/// tsify names the alias in the fields that use it; this declares it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_ITNIOTECH_PROPS: &'static str = "export type ItniotechProps = Record<string, ItniotechPropValue>;\n";

wire! {
    /// A daily window in which the task does not dial (`HH:mm`).
    ItniotechInactiveTime { startTime: String, endTime: String, }
}

wire! {
    /// Dates on which the task does not dial (`yyyy-MM-dd`, start on or before end).
    ItniotechInactiveDate { startDate: String, endDate: String, }
}

wire! {
    /// taskAdd and taskEdit ([I-dto] OutboundTaskDTO).
    ItniotechTaskParams {
        appId?: String,
        /// taskEdit only.
        jobId?: Id,
        name: String,
        dialogFlowId: Id,
        mode: ItniotechMode,
        /// `yyyy-MM-dd HH:mm:ss`; required when `mode` is AUTO.
        startDateTime?: String,
        /// `yyyy-MM-dd HH:mm:ss`, after `startDateTime`.
        endDateTime?: String,
        /// `HH:mm`, not before 09:00.
        dailyStartDateTime: String,
        /// `HH:mm`, not after 20:00.
        dailyEndDateTime: String,
        robotCount: u32,
        jobPhoneNumberId: Id,
        /// At most three, inside the daily window.
        inactiveTimeList?: Vec<ItniotechInactiveTime>,
        /// At most three.
        inactiveDateList?: Vec<ItniotechInactiveDate>,
        daysOfWeek?: Vec<ItniotechDayOfWeek>,
        redial: bool,
        /// Required when `redial` is true.
        redialCondition?: Vec<ItniotechRedialCondition>,
        /// Minutes, 1–1440; required when `redial` is true.
        redialInterval?: u32,
        /// 1–3; required when `redial` is true.
        redialTimes?: u32,
    }
}

wire! { ItniotechAppParams { appId?: String, } }
wire! { ItniotechJobParams { appId?: String, jobId: Id, } }

wire! {
    ItniotechCustomerPerson {
        name?: String,
        /// At most 32 characters; may be an encrypted id.
        phoneNumber: String,
        gender?: ItniotechGender,
        /// Required when the script or SMS has variables.
        properties?: ItniotechProps,
    }
}

wire! {
    /// importCustomer: at most 100 persons a call.
    ItniotechImportCustomersParams {
        appId?: String,
        jobId: Id,
        /// Default false: numbers already called are dropped.
        callRecordDup?: bool,
        customerPersons: Vec<ItniotechCustomerPerson>,
    }
}

wire! { ItniotechNumber { phoneNumber: String, name?: String, } }

wire! {
    /// importCustomer/del: deletes numbers not yet called.
    ItniotechDeleteCustomersParams { appId?: String, jobId: Id, name?: String, jobPhoneNumberList: Vec<ItniotechNumber>, }
}

wire! { ItniotechTaskFilter { appId?: String, name?: String, } }
wire! { ItniotechListTasksParams { current: u32, size: u32, params?: ItniotechTaskFilter, } }

wire! { ItniotechNoCallFilter { appId?: String, jobId: Id, taskStatus?: ItniotechNoCallStatus, } }
wire! { ItniotechListPendingParams { current: u32, size: u32, params: ItniotechNoCallFilter, } }

wire! {
    /// `yyyy-MM-dd HH:mm:ss`, start on or before end.
    ItniotechCallFilter { appId?: String, startTime: String, endTime: String, }
}
wire! { ItniotechListCallsParams { current: u32, size: u32, params: ItniotechCallFilter, } }

wire! {
    /// dialogFlowList's items (README.md; `status` and `createTime` are listed without types).
    ItniotechScript { dialogFlowId: Id, name: String, }
}

wire! {
    /// channelList's items: the line id and the line's name.
    ItniotechLine { tenantPhoneNumberId: Id, phoneNumber: String, }
}

wire! {
    /// taskList's records (more fields are listed without types: `mode`, `status`, `createTime` …).
    ItniotechTaskSummary {
        jobId: Id,
        name: String,
        dialogFlowName?: String,
        robotCount?: i64,
        taskTotal?: i64,
        taskCompleted?: i64,
    }
}

wire! {
    /// A paged reply's `data` (taskList page).
    ItniotechTaskPage { total: i64, size: i64, current: i64, pages: i64, records: Vec<ItniotechTaskSummary>, }
}

crate::ts_operations! { ItniotechOperations, ItniotechCustomer = ItniotechCustomerPerson, {
    createTask: "ItniotechTaskParams" => "unknown",
    updateTask: "ItniotechTaskParams & { jobId: Id }" => "Id | null",
    startTask: "ItniotechJobParams" => "null",
    pauseTask: "ItniotechJobParams" => "unknown",
    deleteTask: "ItniotechJobParams" => "unknown",
    importCustomers: "ItniotechImportCustomersParams" => "unknown",
    deleteCustomers: "ItniotechDeleteCustomersParams" => "number",
    listPendingCustomers: "ItniotechListPendingParams" => "unknown",
    listTasks: "ItniotechListTasksParams" => "ItniotechTaskPage",
    getTaskVariables: "ItniotechJobParams" => "unknown",
    listCalls: "ItniotechListCallsParams" => "unknown",
    listCallerLines: "ItniotechAppParams" => "ItniotechLine[]",
    listScripts: "ItniotechAppParams" => "ItniotechScript[]",
} }
