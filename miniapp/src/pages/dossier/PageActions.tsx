import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { forgetDossier } from "../../domain/saved-dossiers";
import { messages } from "../../messages";
import { useNavigate } from "../../navigation";
import { savedDossiersState } from "../../state";

/** The foot of the dossier page: look up another dossier, or remove this one from the phone. */
export function PageActions({ code }: { code: string }) {
  const navigate = useNavigate();
  const setSaved = useSetRecoilState(savedDossiersState);
  const remove = () => {
    setSaved((list) => forgetDossier(list, code));
    navigate("/", { replace: true });
  };
  return (
    <div className="actions">
      <Button fullWidth size="large" variant="secondary" onClick={() => navigate("/")}>
        {messages.dossier.lookUpAnother}
      </Button>
      <Button fullWidth size="large" variant="tertiary" type="neutral" onClick={remove}>
        {messages.dossier.removeSaved}
      </Button>
    </div>
  );
}
