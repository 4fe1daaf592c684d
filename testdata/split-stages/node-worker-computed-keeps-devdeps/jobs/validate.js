const {parentPort,workerData}=require("worker_threads");const isNumber=require("is-number");parentPort.postMessage(String(isNumber(workerData)));
