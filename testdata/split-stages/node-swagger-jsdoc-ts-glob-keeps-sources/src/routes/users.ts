/**
 * @openapi
 * /users:
 *   get:
 *     description: List users
 *     responses:
 *       200:
 *         description: OK
 */
export const users = (): string[] => ["ann", "bob"];
