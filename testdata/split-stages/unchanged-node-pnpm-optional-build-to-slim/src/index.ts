import admin from "firebase-admin";
console.log(admin.SDK_VERSION);
