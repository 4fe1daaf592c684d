import { createApp } from "vue";
