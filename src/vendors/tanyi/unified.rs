//! Tanyi's unified table (format: `crate::mapping`): the task spec's fields as job/create's and
//! job/modify's (README.md, "waihu's choices" 23–27), and where getJobs, getJobDetail and the
//! call records hold their fields.

use crate::mapping::Mapping;

use super::records::{CALL_OUTCOMES, TASK_STATUSES};

pub static MAPPING: Mapping = Mapping {
    fields: "\
        name robotCallJob.name\n\
        script robotCallJob.dialogFlowId\n\
        lines.* jobPhoneNumberIdList.*|jobPhoneNumberList.*.tenantPhoneNumberId\n\
        lineType robotCallJob.phoneType mobile=MOBILE,landline=LANDLINE,unfixed=UNFIXED_CALL,policyGroup=CALL_POLICY_GROUP\n\
        robots robotCallJob.robotCount\n\
        concurrency concurrencyQuota|robotCallJob.concurrencyQuota\n\
        start.mode robotCallJob.mode manual=MANUAL,auto=AUTO\n\
        start.at robotCallJob.startTime L\n\
        end - !\n\
        hours.start robotCallJob.dailyStartTime T\n\
        hours.end robotCallJob.dailyEndTime T\n\
        breaks - #3\n\
        breaks.*.start robotCallJob.inactiveTimeList.*.startTime T\n\
        breaks.*.end robotCallJob.inactiveTimeList.*.endTime T\n\
        days - !\n\
        skipDates - !\n\
        redial.on.* robotCallJob.redialCondition.* noAnswer=NO_ANSWER,busy=BUSY,rejected=REFUSED,unreachable=CAN_NOT_CONNECT,poweredOff=POWER_OFF,outOfService=OUT_OF_SERVICE,callerLineError=FROM_PHONE_ERROR,dropped=CALL_LOSS,failed=SYSTEM_ERROR\n\
        redial.times robotCallJob.redialTimes\n\
        redial.interval robotCallJob.redialInterval\n\
        note robotCallJob.description",
    ops: "\
        updateTask robotCallJob.robotCallJobId\n\
        getTask robotCallJobId\n\
        listCalls robotCallJobId\n\
        getCall callRecordId",
    records: "\
        items content\n\
        task robotCallJob\n\
        call callRecord\n\
        task.id robotCallJobId\n\
        task.name name\n\
        task.status status\n\
        task.total taskCallTotal\n\
        task.called completedTask\n\
        task.created createTime\n\
        call.id callRecordId\n\
        call.task robotCallJobId\n\
        call.phone calledPhoneNumber\n\
        call.outcome resultStatus\n\
        call.intent intentLevel\n\
        call.started startTime\n\
        call.duration chatDuration\n\
        call.transcript callDetailList\n\
        call.speaker type\n\
        call.ai ROBOT\n\
        call.text text\n\
        call.recording fullAudioUrl\n\
        call.properties properties",
    statuses: TASK_STATUSES,
    outcomes: CALL_OUTCOMES,
};
