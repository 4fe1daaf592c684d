import { PrismaClient, Team } from "@prisma/client";
const prisma = new PrismaClient();
prisma.team.findMany().then((teams: Team[]) => console.log(teams.length));
