/**
 * The words of the step after an answer to the citizen's feedback: were they satisfied with it. Only the lazy
 * feedback page imports this file, so none of it reaches the first screen.
 */

export const answerSatisfactionMessages = {
  question: "Ông/bà có hài lòng với trả lời này không?",
  why: "Ý kiến của ông/bà giúp cơ quan trả lời tốt hơn. Mỗi phản ánh chỉ chọn một lần.",
  satisfied: "Hài lòng",
  notSatisfied: "Chưa hài lòng",
  thanks: "Cảm ơn ông/bà đã cho biết ý kiến.",
  canStillReopen: (button: string, until: string) =>
    `Nếu vấn đề chưa được giải quyết, ông/bà vẫn có thể gửi lại phản ánh cho cơ quan (bấm “${button}” bên dưới) đến hết ngày ${until}.`,
  said: (satisfied: boolean) => `Ông/bà đã cho biết: ${satisfied ? "Hài lòng" : "Chưa hài lòng"} với trả lời này.`,
} as const;
