// Request bodies of the saved-card routes.
import { z } from "zod";

export const completeSetupSchema = z.object({ makeDefault: z.boolean({ error: "makeDefault must be true or false." }).optional() });
