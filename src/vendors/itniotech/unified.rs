//! Itniotech's unified table (format: `crate::mapping`): the task spec's fields as taskAdd's and
//! taskEdit's (README.md, "waihu's choices" 21–25), and where taskList and recordQuery hold
//! their fields. One line per task, which decides its type; `robotCount` is the task's
//! concurrency. No task detail: `tasks.get` finds the task in taskList; recordQuery takes a
//! time range, not a task, so its records are filtered by task.

use crate::mapping::Mapping;

use super::records::TABLES;

pub static MAPPING: Mapping = Mapping {
    fields: "\
        name name\n\
        script dialogFlowId\n\
        lines - #1\n\
        lines.0 jobPhoneNumberId\n\
        lineType - ~\n\
        robots robotCount\n\
        concurrency - ~\n\
        start.mode mode manual=MANUAL,auto=AUTO\n\
        start.at startDateTime L\n\
        end endDateTime L\n\
        hours.start dailyStartDateTime T\n\
        hours.end dailyEndDateTime T\n\
        breaks - #3\n\
        breaks.*.start inactiveTimeList.*.startTime T\n\
        breaks.*.end inactiveTimeList.*.endTime T\n\
        days.* daysOfWeek.* monday=MONDAY,tuesday=TUESDAY,wednesday=WEDNESDAY,thursday=THURSDAY,friday=FRIDAY,saturday=SATURDAY,sunday=SUNDAY\n\
        skipDates - #3\n\
        skipDates.*.start inactiveDateList.*.startDate\n\
        skipDates.*.end inactiveDateList.*.endDate\n\
        redial redial ?\n\
        redial.on.* redialCondition.* noAnswer=NO_ANSWER,busy=BUSY,rejected=REFUSED,unreachable=CAN_NOT_CONNECT,poweredOff=POWER_OFF,outOfService=OUT_OF_SERVICE,vacant=VACANT_NUMBER,callerLineError=FROM_PHONE_ERROR,dropped=CALL_LOSS,failed=SYSTEM_ERROR\n\
        redial.times redialTimes\n\
        redial.interval redialInterval\n\
        note - ~",
    ops: "\
        updateTask jobId\n\
        listTasks {\"current\":1,\"size\":100}\n\
        listCalls {\"current\":1,\"size\":100}",
    items: "records",
    task: "id:i:jobId name:i:name status:s:status rawStatus:r:status counts:c:taskTotal/taskCompleted/ createdAt:t:createTime",
    call: "callId:i:callId taskId:i:callJobId|robotCallJobId phone:i:calledPhoneNumber outcome:o:resultStatus rawOutcome:r:resultStatus \
        intent:a:intentLevelDetailName startedAt:t:startTime durationSeconds:n:chatDuration transcript:l:callDetailList/text/type/ROBOT \
        recordingUrl:i:fullAudioUrl properties:p:properties",
    tables: TABLES,
};
