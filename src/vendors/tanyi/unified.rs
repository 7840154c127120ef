//! Tanyi's unified table (format: `crate::mapping`): the task spec's fields as job/create's and
//! job/modify's (README.md, "waihu's choices" 23–27), and where getJobs, getJobDetail and the
//! call records hold their fields.

use crate::mapping::Mapping;

use super::records::TABLES;

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
    items: "content",
    task: "id:i:robotCallJobId|robotCallJob.robotCallJobId name:i:name|robotCallJob.name status:s:status|robotCallJob.status rawStatus:r:status|robotCallJob.status \
        counts:c:taskCallTotal/completedTask/ createdAt:t:createTime|robotCallJob.createTime",
    call: "callId:i:callRecordId|callRecord.callRecordId taskId:i:robotCallJobId|callRecord.robotCallJobId \
        phone:i:calledPhoneNumber|callRecord.calledPhoneNumber outcome:o:resultStatus|callRecord.resultStatus \
        rawOutcome:r:resultStatus|callRecord.resultStatus intent:a:intentLevel|callRecord.intentLevel startedAt:t:startTime|callRecord.startTime \
        durationSeconds:n:chatDuration|callRecord.chatDuration transcript:l:callDetailList/text/type/ROBOT \
        recordingUrl:i:fullAudioUrl|callRecord.fullAudioUrl properties:p:properties|callRecord.properties",
    tables: TABLES,
};
